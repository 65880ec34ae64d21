package io.segflow.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Child JVM for {@link DuckDbFileAccessTest}: another DuckDB client that opens the file read-only, reads it and
 * holds it open until its standard input closes. Usage: {@code ReadOnlyHolderChild <db file>}.
 */
public final class ReadOnlyHolderChild {
    private ReadOnlyHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], props);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM main.members")) {
            rs.next();
            System.out.println("HOLDING " + rs.getLong(1));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the file open until the parent closes our stdin
            }
        }
    }
}
