package io.segflow.duckdb;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Child JVM for {@link DuckDbKillSafetyTest}: starts a long write to {@code main.victim} and is killed mid-way.
 * Usage: {@code KillSafetyChild <db file> replace|bulk}.
 */
public final class KillSafetyChild {
    private KillSafetyChild() {
    }

    public static void main(String[] args) {
        WarehouseAdapter adapter = new DuckDbAdapterFactory().open(new TargetConfig("child", "duckdb",
                Map.of("path", args[0], "threads", 1), Path.of(".")));
        RelationName victim = RelationName.of("main", "victim");
        if (args[1].equals("replace")) {
            System.out.println("STARTED");
            System.out.flush();
            adapter.replaceTable(victim, "SELECT i AS n, md5(CAST(i AS VARCHAR)) AS h FROM range(500000000) r(i)");
        } else {
            adapter.bulkLoad(victim, List.of(ColumnDef.of("n", "BIGINT"), ColumnDef.of("h", "VARCHAR")),
                    endlessRows(), true);
        }
        System.out.println("FINISHED");
    }

    private static Iterator<Object[]> endlessRows() {
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object[] next() {
                if (i == 2_000_000) {
                    System.out.println("STARTED");
                    System.out.flush();
                }
                i++;
                return new Object[] {i, "row-" + i};
            }
        };
    }
}
