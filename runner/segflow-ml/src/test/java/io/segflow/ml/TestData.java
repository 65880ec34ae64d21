package io.segflow.ml;

import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Copies of the real datasets (src/test/resources/data, from shared/data with the attributions of its README):
 * the tests never skip, and a missing copy fails loudly.
 */
public final class TestData {
    private TestData() {
    }

    /** Path of {@code data/<relative>} on the test classpath. */
    public static Path file(String relative) {
        URL url = TestData.class.getResource("/data/" + relative);
        if (url == null) throw new IllegalStateException("test data file missing from src/test/resources/data: " + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a (possibly gzip-compressed) text file. */
    public static List<String> lines(String relative) {
        Path p = file(relative);
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = relative.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #file}, decompressed into a temporary file when it is gzip-compressed (for readers that take a path). */
    public static Path uncompressed(String relative) {
        if (!relative.endsWith(".gz")) return file(relative);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(relative)))) {
            Path plain = Files.createTempFile("segflow-testdata-", "-" + Path.of(relative).getFileName().toString()
                    .replaceAll("\\.gz$", ""));
            plain.toFile().deleteOnExit();
            Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return plain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #file} as a SQL string literal body (quotes doubled) for DuckDB's read_csv. */
    public static String sqlPath(String relative) {
        return file(relative).toString().replace("'", "''");
    }

    /** The shipped segflow-duckdb adapter on a private in-memory database. */
    public static WarehouseAdapter duckdb() {
        return new DuckDbAdapterFactory().open(new TargetConfig("test", "duckdb", java.util.Map.of(), null));
    }
}
