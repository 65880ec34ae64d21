package io.segflow.bigquery;

/** Rows as RFC 4180 CSV lines for BigQuery load jobs (empty unquoted field = NULL). */
final class CsvRows {
    private CsvRows() {
    }

    static String line(Object[] row, int expected) {
        if (row.length != expected) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + expected);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) sb.append(',');
            Object v = row[i];
            if (v == null) continue;
            String s = v instanceof java.time.LocalDateTime t ? t.toString().replace('T', ' ') : v.toString();
            if (v instanceof String || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('\n').toString();
    }
}
