package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.rfm.RfmPresets;
import io.segflow.core.seed.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces the R rfm package (rfm_table_order + rfm_segment with its documented scheme) on its own data,
 * examples/rfm_orders/seeds, a copy of ../shared/data/rfm_orders (analysis date 2006-12-31). The expected scores are computed here independently:
 * R's type-7 quantile, the package's bins()/bins_lower()/bins_upper() rules, recency reversed.
 */
class RfmReproductionTest {
    static final Path DATA = Path.of("../../examples/rfm_orders/seeds/rfm_data_orders.csv");

    @TempDir
    Path dir;

    record Customer(double recencyDays, double frequency, double monetary) {
    }

    @Test
    void quantileScoringMatchesTheRPackageForEveryCustomer() throws Exception {
        Path csv = csv();
        CompiledProject cp = compile("quantile");
        CompiledSegment s = cp.segments().get("segment.rfm");
        Map<String, Customer> customers = readCustomers(csv);
        assertEquals(995, customers.size());
        Map<String, int[]> expected = expectedScores(customers, 5);
        Map<String, String> expectedSegments = new TreeMap<>();
        expected.forEach((id, sc) -> expectedSegments.put(id, segmentOf(sc)));

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            load(c, csv);
            Map<String, String> actualSegments = new TreeMap<>();
            int mismatches = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(s.compiledSql())) {
                while (rs.next()) {
                    String id = rs.getString("entity_id");
                    actualSegments.put(id, rs.getString("segment"));
                    int[] e = expected.get(id);
                    int score = e[0] * 100 + e[1] * 10 + e[2];
                    if (rs.getDouble("score") != score) mismatches++;
                }
            }
            assertEquals(0, mismatches, "customers whose R/F/M score differs from the R package's");
            assertEquals(expectedSegments, actualSegments);
        }
        // every named group of the scheme is used on this data, and R's "Others" too
        Map<String, Integer> sizes = new TreeMap<>();
        expectedSegments.values().forEach(v -> sizes.merge(v, 1, Integer::sum));
        assertTrue(sizes.size() >= 8, sizes.toString());
    }

    @Test
    void rBinEdgesAreQuantilesPlusOneWithHalfOpenIntervals() {
        // R: quantile(c(1,2,3,4,10), probs = seq(0, 1, 0.2)) = 1.0 1.8 2.6 3.4 5.2 10; bins() adds 1 to inner edges
        double[] v = {1, 2, 3, 4, 10};
        assertEquals(1.8, type7(v, 0.2), 1e-9);
        assertEquals(5.2, type7(v, 0.8), 1e-9);
        // value 1 < 2.8 -> bin 1; 2 < 2.8 -> bin 1 (ties near the edge fall below it); 10 >= 6.2 -> bin 5
        assertEquals(1, bin(v, 2, 5));
        assertEquals(2, bin(v, 3, 5));
        assertEquals(5, bin(v, 10, 5));
    }

    @Test
    void ntileScoringGivesEqualSizedBins() throws Exception {
        Path csv = csv();
        CompiledSegment s = compile("ntile").segments().get("segment.rfm");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            load(c, csv);
            List<String> counts = SegmentProjects.rows(c, "select cast(floor(score / 100) as int) as r, count(*) from ("
                    + s.compiledSql() + ") group by 1 order by 1");
            assertEquals(List.of("1|199", "2|199", "3|199", "4|199", "5|199"), counts);
        }
    }

    static Path csv() {
        Path csv = DATA.toAbsolutePath().normalize();
        assertTrue(Files.exists(csv), "missing " + csv);
        return csv;
    }

    /** One RFM segment over the R data with the standard preset. */
    static String yaml(String scoring) {
        return """
                segments:
                  - name: rfm
                    type: rfm
                    from: "source('raw', 'rfm_orders')"
                    customer: customer_id
                    date: order_date
                    amount: revenue
                    analysis_date: "2006-12-31"
                    scoring: %s
                    preset: standard_rfm
                """.formatted(scoring);
    }

    private CompiledProject compile(String scoring) {
        SegmentProjects.write(dir, yaml(scoring));
        return SegmentProjects.compile(dir);
    }

    static void load(Connection c, Path csv) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("create schema raw");
            st.execute("create table raw.rfm_orders as select customer_id, cast(order_date as date) as order_date, "
                    + "cast(revenue as double) as revenue from read_csv('" + csv.toString().replace("'", "''")
                    + "', header = true, all_varchar = true)");
        }
    }

    static Map<String, Customer> readCustomers(Path csv) throws Exception {
        LocalDate analysis = LocalDate.parse("2006-12-31");
        Map<String, LocalDate> last = new HashMap<>();
        Map<String, double[]> fm = new HashMap<>();
        try (CsvReader rows = new CsvReader(csv)) {
            while (rows.hasNext()) {
                String[] f = rows.next();
                LocalDate d = LocalDate.parse(f[1]);
                last.merge(f[0], d, (a, b) -> a.isAfter(b) ? a : b);
                double[] acc = fm.computeIfAbsent(f[0], k -> new double[2]);
                acc[0]++;
                acc[1] += Double.parseDouble(f[2]);
            }
        }
        Map<String, Customer> out = new TreeMap<>();
        last.forEach((id, d) -> out.put(id, new Customer(ChronoUnit.DAYS.between(d, analysis), fm.get(id)[0], fm.get(id)[1])));
        return out;
    }

    /** R scores per customer: {recency, frequency, monetary}. */
    static Map<String, int[]> expectedScores(Map<String, Customer> customers, int n) {
        double[] r = customers.values().stream().mapToDouble(Customer::recencyDays).toArray();
        double[] f = customers.values().stream().mapToDouble(Customer::frequency).toArray();
        double[] m = customers.values().stream().mapToDouble(Customer::monetary).toArray();
        Map<String, int[]> out = new HashMap<>();
        customers.forEach((id, c) -> out.put(id, new int[] {n + 1 - bin(r, c.recencyDays(), n), bin(f, c.frequency(), n),
                bin(m, c.monetary(), n)}));
        return out;
    }

    /** The R package's bin of x: lower = (min, q1+1, ..), upper = (q1+1, .., max+1), x in [lower, upper). */
    static int bin(double[] values, double x, int n) {
        double[] lower = new double[n];
        double[] upper = new double[n];
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        for (int i = 0; i < n; i++) {
            lower[i] = i == 0 ? min : type7(values, (double) i / n) + 1;
            upper[i] = i == n - 1 ? max + 1 : type7(values, (double) (i + 1) / n) + 1;
        }
        int found = -1;
        for (int i = 0; i < n; i++) if (x >= lower[i] && x < upper[i]) found = i + 1; // later bins overwrite, as in R
        return found;
    }

    /** R's default quantile (type 7): linear interpolation at h = (n - 1) p on sorted values. */
    static double type7(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    /** rfm_segment: first group (in order) whose inclusive ranges hold, else "Others". */
    static String segmentOf(int[] s) {
        return segmentOf(s, RfmPresets.STANDARD_RFM);
    }

    static String segmentOf(int[] s, List<RfmPresets.Group> groups) {
        for (RfmPresets.Group g : groups) {
            if (s[0] >= g.rLo() && s[0] <= g.rHi() && s[1] >= g.fLo() && s[1] <= g.fHi() && s[2] >= g.mLo() && s[2] <= g.mHi()) {
                return g.name();
            }
        }
        return "Others";
    }
}
