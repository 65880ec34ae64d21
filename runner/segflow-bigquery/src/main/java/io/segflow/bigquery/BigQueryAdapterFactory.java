package io.segflow.bigquery;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens BigQuery. Settings of a {@code type: bigquery} target:
 * <ul>
 *   <li>{@code project} (required): billing and default project</li>
 *   <li>{@code location}: dataset and job location (default {@code US})</li>
 *   <li>{@code method}: {@code oauth} (Application Default Credentials, the default), {@code service-account}
 *       ({@code keyfile}: path of a JSON key) or {@code service-account-json} ({@code keyfile_json}: the key itself,
 *       from {@code env_var})</li>
 *   <li>{@code labels}: job labels (mapping), always with {@code tool: segflow}</li>
 *   <li>{@code maximum_bytes_billed}, {@code job_timeout_seconds}, {@code retries} (default 3)</li>
 * </ul>
 * Error messages name the setting that is wrong, never its value.
 */
public final class BigQueryAdapterFactory implements WarehouseAdapterFactory {
    public static final String TYPE = "bigquery";
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/bigquery");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return BigQueryFlavor.INSTANCE;
    }

    @Override
    public WarehouseAdapter open(TargetConfig config) {
        BigQueryAdapter.Settings settings = settings(config);
        GoogleCredentials credentials = credentials(config);
        BigQuery client = BigQueryOptions.newBuilder().setProjectId(settings.project()).setLocation(settings.location())
                .setCredentials(credentials).build().getService();
        return new BigQueryAdapter(client, settings);
    }

    /** The non-secret settings, checked. */
    static BigQueryAdapter.Settings settings(TargetConfig config) {
        String project = config.string("project", "").trim();
        if (project.isEmpty()) {
            throw new WarehouseException("target '" + config.name() + "' (bigquery) needs 'project' "
                    + "(e.g. project: \"{{ env_var('BIGQUERY_PROJECT') }}\")", null);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tool", "segflow");
        labels.put("segflow_target", label(config.name()));
        if (config.settings().get("labels") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> labels.put(label(String.valueOf(k)), label(String.valueOf(v))));
        }
        long maxBytes = Long.parseLong(config.string("maximum_bytes_billed", "0").trim());
        return new BigQueryAdapter.Settings(project, config.string("location", "US").trim(), Map.copyOf(labels),
                maxBytes, config.integer("job_timeout_seconds", 0), Math.max(0, config.integer("retries", 3)));
    }

    /** Label keys and values: lower-case letters, digits, '_' and '-', at most 63 characters. */
    static String label(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return v.length() > 63 ? v.substring(0, 63) : v;
    }

    private static GoogleCredentials credentials(TargetConfig config) {
        String method = config.string("method", "oauth").trim().toLowerCase(Locale.ROOT);
        try {
            GoogleCredentials c = switch (method) {
                case "oauth", "adc" -> GoogleCredentials.getApplicationDefault();
                case "service-account" -> {
                    String keyfile = config.string("keyfile", "").trim();
                    if (keyfile.isEmpty()) throw missing(config, "keyfile");
                    Path p = Path.of(keyfile);
                    if (!p.isAbsolute() && config.projectRoot() != null) p = config.projectRoot().resolve(p);
                    try (InputStream in = Files.newInputStream(p)) {
                        yield ServiceAccountCredentials.fromStream(in);
                    }
                }
                case "service-account-json" -> {
                    String json = config.string("keyfile_json", "");
                    if (json.isBlank()) throw missing(config, "keyfile_json");
                    yield ServiceAccountCredentials.fromStream(
                            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
                }
                default -> throw new WarehouseException("target '" + config.name() + "': unknown method '" + method
                        + "' (use oauth, service-account or service-account-json)", null);
            };
            return c.createScoped(SCOPES);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WarehouseException we) throw we;
            // the cause may quote key material: keep it out of the message and the chain
            throw new WarehouseException("target '" + config.name() + "': cannot load BigQuery credentials for method '"
                    + method + "' (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static WarehouseException missing(TargetConfig config, String key) {
        return new WarehouseException("target '" + config.name() + "': method needs '" + key + "'", null);
    }
}
