package io.segflow.audience.export;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes export rows to a file, atomically (a temporary file renamed into place): CSV through Apache Commons CSV
 * (RFC 4180, a header line), Parquet through an in-process DuckDB ({@code COPY ... (FORMAT PARQUET)}), which writes
 * rows pulled from any warehouse without the Hadoop stack parquet-mr needs. Integer ids stay BIGINT in Parquet;
 * every other column is text.
 */
final class ExportFiles {
    private static final String PARQUET_WRITER = "jdbc:duckdb:";

    private ExportFiles() {
    }

    /** The rows written; nothing is left at {@code file} when writing fails. */
    static long write(RowStream rows, Path file, String format) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            long n = format.equals("parquet") ? parquet(rows, tmp) : csv(rows, tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long csv(RowStream rows, Path file) throws IOException {
        List<String> header = rows.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        long n = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            while (rows.hasNext()) {
                out.printRecord((Object[]) rows.next());
                n++;
            }
        }
        return n;
    }

    private static long parquet(RowStream rows, Path file) throws IOException {
        List<ColumnDef> cols = rows.columns();
        List<Boolean> integral = new ArrayList<>();
        StringBuilder ddl = new StringBuilder("create table rows (");
        for (int i = 0; i < cols.size(); i++) {
            boolean isInt = cols.get(i).type().toUpperCase(Locale.ROOT).contains("INT");
            integral.add(isInt);
            ddl.append(i == 0 ? "" : ", ").append('"').append(cols.get(i).name().toLowerCase(Locale.ROOT)).append("\" ")
                    .append(isInt ? "BIGINT" : "VARCHAR");
        }
        long n = 0;
        try (Connection c = DriverManager.getConnection(PARQUET_WRITER); Statement st = c.createStatement()) {
            st.execute(ddl.append(")").toString());
            try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rows")) {
                while (rows.hasNext()) {
                    Object[] row = rows.next();
                    app.beginRow();
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) app.appendNull();
                        else if (integral.get(i)) app.append(((Number) row[i]).longValue());
                        else app.append(String.valueOf(row[i]));
                    }
                    app.endRow();
                    n++;
                }
            }
            st.execute("copy rows to '" + file.toAbsolutePath().toString().replace("'", "''") + "' (format parquet)");
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
        return n;
    }
}
