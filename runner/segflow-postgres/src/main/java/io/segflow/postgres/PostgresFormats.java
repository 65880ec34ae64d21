package io.segflow.postgres;

import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;

/** strftime formats (DuckDB) as PostgreSQL TO_CHAR formats. */
final class PostgresFormats {
    private PostgresFormats() {
    }

    /** The TO_CHAR format of a strftime literal; empty when a directive has no equivalent. */
    static Optional<String> toChar(SqlNode node) {
        if (!(node instanceof SqlCharStringLiteral lit)) return Optional.empty();
        String f = lit.getValueAs(String.class);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 == f.length()) {
                if (Character.isLetter(c)) out.append('"').append(c).append('"');
                else out.append(c == '\'' ? "''" : String.valueOf(c));
                continue;
            }
            String s = switch (f.charAt(++i)) {
                case 'Y' -> "YYYY";
                case 'y' -> "YY";
                case 'm' -> "MM";
                case 'd' -> "DD";
                case 'H' -> "HH24";
                case 'M' -> "MI";
                case 'S' -> "SS";
                case 'b' -> "Mon";
                case 'B' -> "FMMonth";
                case 'a' -> "Dy";
                case 'A' -> "FMDay";
                case 'j' -> "DDD";
                case '%' -> "%";
                default -> null;
            };
            if (s == null) return Optional.empty();
            out.append(s);
        }
        return Optional.of(out.toString());
    }
}
