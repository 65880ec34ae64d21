package io.segflow.postgres;

import io.segflow.spi.ColumnDef;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Bulk load through {@code COPY ... FROM STDIN} (text format), streamed in batches of encoded rows. */
final class PostgresCopy {
    private static final int FLUSH_BYTES = 1 << 20;

    private PostgresCopy() {
    }

    /** Streams {@code rows} into {@code rendered}; on any failure the copy is cancelled and the error thrown. */
    static long copyIn(Connection c, String rendered, List<ColumnDef> columns, Iterator<Object[]> rows,
            UnaryOperator<String> quote) throws SQLException {
        String sql = "COPY " + rendered + " (" + columns.stream().map(col -> quote.apply(col.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        long count = 0;
        StringBuilder buf = new StringBuilder(FLUSH_BYTES + 4096);
        try {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns.size());
                }
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) buf.append('\t');
                    PostgresTypes.appendCopyText(buf, columns.get(i).type(), row[i]);
                }
                buf.append('\n');
                count++;
                if (buf.length() >= FLUSH_BYTES) flush(copy, buf);
            }
            flush(copy, buf);
            copy.endCopy();
            return count;
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelFailure) {
                    e.addSuppressed(cancelFailure);
                }
            }
            throw PostgresAdapter.failure("bulkLoad into " + rendered + " failed at row " + (count + 1)
                    + "; nothing was written", e instanceof SQLException ? sql : null, e);
        }
    }

    private static void flush(CopyIn copy, StringBuilder buf) throws SQLException {
        if (buf.length() == 0) return;
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }
}
