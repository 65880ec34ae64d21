package io.segflow.spi;

/** A failure reported by the warehouse. {@code transientFailure} marks errors worth a retry. */
public class WarehouseException extends RuntimeException {
    private final boolean transientFailure;
    private final String sql;

    public WarehouseException(String message, String sql, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.sql = sql;
        this.transientFailure = transientFailure;
    }

    public WarehouseException(String message, Throwable cause) {
        this(message, null, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The statement that failed, if any. */
    public String sql() {
        return sql;
    }
}
