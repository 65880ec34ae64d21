package io.segflow.spi;

import java.util.Iterator;
import java.util.List;

/**
 * A forward-only stream of result rows. Values are Java objects: Long, Double, BigDecimal,
 * String, Boolean, java.time.LocalDate, java.time.LocalDateTime or null. Rows are produced lazily
 * so that memory stays bounded however large the result is; close it when done.
 */
public interface RowStream extends Iterator<Object[]>, AutoCloseable {
    List<ColumnDef> columns();

    @Override
    void close();
}
