package io.segflow.core.dbt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.SnapshotSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt snapshot files: each {@code {% snapshot name %} ... {% endsnapshot %}} block becomes a feature materialised as
 * {@code snapshot}. Its {@code config(...)} call is read here (evaluated by Jinjava, not parsed by hand) into a
 * {@link SnapshotSpec}; the query is wrapped so that its row type carries dbt's four columns. Line numbers of the
 * file are kept so errors in the query point where they were written.
 */
public final class DbtSnapshots {
    private static final Pattern OPEN = Pattern.compile("\\{%-?\\s*snapshot\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}");
    private static final Pattern CLOSE = Pattern.compile("\\{%-?\\s*endsnapshot\\s*-?%}");
    private static final Pattern CONFIG = Pattern.compile("\\{\\{-?\\s*config\\s*\\((.*?)\\)\\s*-?}}", Pattern.DOTALL);
    private static final String WRAP_OPEN = "select dbt_snapshot_source.*, cast(null as varchar) as dbt_scd_id, "
            + "cast(null as timestamp) as dbt_updated_at, cast(null as timestamp) as dbt_valid_from, "
            + "cast(null as timestamp) as dbt_valid_to from (";
    private static final String WRAP_CLOSE = ") as dbt_snapshot_source";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DbtSnapshots() {
    }

    /** The snapshots of one file ({@code path} relative to the project root). */
    public static List<Feature> read(Path path, String text, String defaultSchema, Diagnostics diags) {
        List<Feature> out = new ArrayList<>();
        Matcher open = OPEN.matcher(text);
        int from = 0;
        while (open.find(from)) {
            Matcher close = CLOSE.matcher(text);
            SourcePosition at = position(path, text, open.start());
            if (!close.find(open.end())) {
                diags.error(ErrorCode.TEMPLATE_SYNTAX, at, "{% snapshot " + open.group(1) + " %} has no {% endsnapshot %}",
                        "close the block with {% endsnapshot %}");
                break;
            }
            String body = text.substring(open.end(), close.start());
            Matcher config = CONFIG.matcher(body);
            Map<String, Object> cfg = Map.of();
            SourcePosition configAt = at;
            if (config.find()) {
                configAt = position(path, text, open.end() + config.start());
                cfg = kwargs(config.group(1), configAt, diags);
                if (cfg == null) {
                    from = close.end();
                    continue;
                }
                body = body.substring(0, config.start()) + blank(config.group()) + body.substring(config.end());
            }
            String sql = blank(text.substring(0, open.start())) + WRAP_OPEN + blank(open.group()) + body + WRAP_CLOSE
                    + blank(text.substring(close.start()));
            Feature f = feature(open.group(1), path, sql, cfg, defaultSchema, configAt, diags);
            if (f != null) out.add(f);
            from = close.end();
        }
        return out;
    }

    private static Feature feature(String name, Path path, String sql, Map<String, Object> cfg, String defaultSchema,
                                   SourcePosition at, Diagnostics diags) {
        String strategy = String.valueOf(cfg.getOrDefault("strategy", ""));
        List<String> key = strings(cfg.get("unique_key"));
        boolean ok = true;
        if (key.isEmpty()) {
            diags.error(ErrorCode.MISSING_KEY, at, "snapshot " + name + " has no unique_key", "config(unique_key='id', ...)");
            ok = false;
        }
        String updatedAt = cfg.get("updated_at") == null ? null : String.valueOf(cfg.get("updated_at"));
        List<String> checkCols = "all".equals(cfg.get("check_cols")) ? List.of() : strings(cfg.get("check_cols"));
        if ("timestamp".equals(strategy) && updatedAt == null) {
            diags.error(ErrorCode.MISSING_KEY, at, "snapshot " + name + " uses strategy 'timestamp' without updated_at",
                    "config(updated_at='updated_at', ...)");
            ok = false;
        } else if ("check".equals(strategy) && cfg.get("check_cols") == null) {
            diags.error(ErrorCode.MISSING_KEY, at, "snapshot " + name + " uses strategy 'check' without check_cols",
                    "config(check_cols=['status'], ...) or check_cols='all'");
            ok = false;
        } else if (!"timestamp".equals(strategy) && !"check".equals(strategy)) {
            diags.error(ErrorCode.INVALID_VALUE, at, "snapshot " + name + " has strategy '" + strategy + "'",
                    "use strategy='timestamp' or strategy='check'");
            ok = false;
        }
        Object hardDeletes = cfg.getOrDefault("hard_deletes", Boolean.TRUE.equals(cfg.get("invalidate_hard_deletes")) ? "invalidate" : "ignore");
        if (!"ignore".equals(hardDeletes) && !"invalidate".equals(hardDeletes)) {
            diags.error(ErrorCode.UNSUPPORTED_FEATURE, at, "hard_deletes: " + hardDeletes + " is not supported",
                    "use hard_deletes='ignore' or 'invalidate'");
            ok = false;
        }
        for (String k : cfg.keySet()) {
            if (!List.of("strategy", "unique_key", "updated_at", "check_cols", "invalidate_hard_deletes", "hard_deletes",
                    "target_schema", "schema", "tags", "enabled", "alias").contains(k)) {
                diags.warning(ErrorCode.UNSUPPORTED_FEATURE, at, "snapshot config '" + k + "' is not supported and is ignored",
                        "see docs/dbt.md");
            }
        }
        if (!ok) return null;
        Object schema = cfg.getOrDefault("target_schema", cfg.getOrDefault("schema", defaultSchema));
        FeatureConfig config = new FeatureConfig("snapshot", String.valueOf(schema),
                cfg.get("alias") == null ? null : String.valueOf(cfg.get("alias")), key, null,
                strings(cfg.get("tags")), !Boolean.FALSE.equals(cfg.get("enabled")));
        return new Feature(name, path, sql, config, null, List.of(), List.of(), null, false,
                new SnapshotSpec(strategy, key, updatedAt, checkCols, "invalidate".equals(hardDeletes)));
    }

    /** The keyword arguments of a {@code config(...)} call, evaluated by Jinjava; null when it cannot be (reported). */
    private static Map<String, Object> kwargs(String args, SourcePosition at, Diagnostics diags) {
        // Python (and dbt) allow a trailing comma in a call; Jinjava does not
        String template = "{% macro config() %}{{ kwargs|tojson }}{% endmacro %}{{ config("
                + args.replaceFirst(",\\s*$", "") + ") }}";
        try {
            String json = new Jinjava().render(template, Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(json, Map.class);
            return map;
        } catch (Exception e) {
            diags.error(ErrorCode.TEMPLATE_ERROR, at, "cannot read the snapshot's config(): " + e.getMessage(),
                    "write literal keyword arguments: config(strategy='check', unique_key='id', check_cols=['status'])");
            return null;
        }
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    /** {@code text} with everything but line breaks replaced by spaces, so later lines keep their numbers. */
    private static String blank(String text) {
        return text.replaceAll("[^\\n]", " ");
    }

    private static SourcePosition position(Path path, String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return SourcePosition.of(path).at(line, offset - lineStart + 1);
    }
}
