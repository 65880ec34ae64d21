import java.sql.DriverManager;
import java.util.Properties;

/** Prints the row count of a table in a DuckDB file: java -cp segflow-all.jar CountRows.java FILE TABLE */
public class CountRows {
    public static void main(String[] args) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
             var rs = c.createStatement().executeQuery("select count(*) from " + args[1])) {
            rs.next();
            System.out.println(rs.getLong(1));
        }
    }
}
