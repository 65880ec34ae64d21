import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Prints the number of rows of raw.orders in a DuckDB file. */
public class RfmCount {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from raw.orders")) {
            rs.next();
            System.out.println(rs.getLong(1));
        }
    }
}
