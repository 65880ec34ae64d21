import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Runs segflow's compiled RFM SQL directly on DuckDB over JDBC: CREATE TABLE AS, timed; prints the best of N runs in
 * seconds (N = 1: the database just opened, as each segflow run sees it).
 */
public class RfmDirect {
    public static void main(String[] args) throws Exception {
        String sql = Files.readString(Path.of(args[1]));
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement st = c.createStatement()) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                st.execute("create or replace table main.rfm_direct as " + sql);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            st.execute("drop table main.rfm_direct");
            System.out.printf("%.3f%n", best);
        }
    }
}
