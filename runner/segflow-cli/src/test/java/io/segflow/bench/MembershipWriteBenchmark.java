package io.segflow.bench;

import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Not a test: membership write-back throughput. For N entities it times (1) the DuckDB Appender alone loading
 * N (entity, segment, score, explanation) rows, (2) segflow's first membership write (stage + one transaction
 * writing history, changes, members, audit), (3) a second write where 10% of entities move, and (4) an unchanged
 * re-write; rows/s and ratios against the Appender, and a closing {@code RESULT} line. Every write stages, checks
 * nothing and publishes (the guards are the caller's). Each figure is the median of interleaved rounds.
 * Args: [entities=1000000] [rounds=3].
 */
public final class MembershipWriteBenchmark {
    private static final String[] GROUPS = {"champions", "loyal", "promising", "at_risk", "lost"};

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double[] appender = new double[rounds];
        double[] w1 = new double[rounds];
        double[] w2 = new double[rounds];
        double[] w3 = new double[rounds];
        try (WarehouseAdapter db = new DuckDbAdapterFactory().open(new TargetConfig("bench", "duckdb", Map.of(), null))) {
            db.createSchemaIfMissing("bench");
            List<ColumnDef> cols = List.of(ColumnDef.of("entity_id", "BIGINT"), ColumnDef.of("segment", "VARCHAR"),
                    ColumnDef.of("score", "DOUBLE"), ColumnDef.of("explanation", "VARCHAR"));
            // interleaved rounds, medians reported: on a shared machine one slow moment must not decide a ratio
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                db.bulkLoad(RelationName.of("bench", "appended"), cols, rows(n, 0), true);
                appender[r] = secs(t0);
                MembershipStore store = new MembershipStore(db, new MembershipTables("segments", "bench" + r), false);
                store.prepare();
                w1[r] = timeWrite(store, membership(n, 0), "run-1");
                w2[r] = timeWrite(store, membership(n, 10), "run-2");
                w3[r] = timeWrite(store, membership(n, 10), "run-3");
            }
        }
        double base = median(appender);
        System.out.printf(Locale.ROOT, "membership write-back, %,d entities (DuckDB, in memory), median of %d rounds%n",
                n, rounds);
        print("DuckDB Appender alone (baseline)", n, base, base);
        print("segflow first write (all entered)", n, median(w1), base);
        print("segflow write, 10% of entities move", n, median(w2), base);
        print("segflow unchanged re-write", n, median(w3), base);
        System.out.printf(Locale.ROOT, "RESULT entities=%d rounds=%d appender_s=%.3f first_write_ratio=%.2f "
                + "move10_ratio=%.2f unchanged_ratio=%.2f%n", n, rounds, base, median(w1) / base, median(w2) / base,
                median(w3) / base);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double timeWrite(MembershipStore store, String sql, String run) {
        long t = System.nanoTime();
        store.write(sql, run, Instant.now(), "bench");
        return secs(t);
    }

    /** Membership as SQL over range(): entity i is in group (i + shift*(i % 10 == 0)) % 5. */
    private static String membership(long n, int shiftEveryTenth) {
        return "select range as entity_id, case (range + case when range % 10 = 0 then " + (shiftEveryTenth > 0 ? 1 : 0)
                + " else 0 end) % 5 when 0 then 'champions' when 1 then 'loyal' when 2 then 'promising' when 3 then 'at_risk'"
                + " else 'lost' end as segment, (range % 1000) / 10.0 as score, cast(null as varchar) as explanation from range(" + n + ")";
    }

    private static Iterator<Object[]> rows(long n, int shift) {
        return new Iterator<>() {
            long i = 0;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object[] next() {
                if (i >= n) throw new NoSuchElementException();
                long id = i++;
                return new Object[] {id, GROUPS[(int) ((id + shift) % 5)], (id % 1000) / 10.0, null};
            }
        };
    }

    private static void print(String what, long n, double secs, double baseline) {
        System.out.printf(Locale.ROOT, "  %-40s %7.2f s  %,12.0f rows/s  %6.2fx the Appender's time%n", what, secs,
                n / secs, secs / baseline);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
