package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.execute.Targets;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.RunSummary;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipStoreTest {
    static final String QUERY = "select id as entity_id, seg as segment, cast(null as double) as score, "
            + "cast(null as varchar) as explanation from src";
    WarehouseAdapter duck;
    FailingAdapter adapter;
    MembershipStore store;

    @BeforeEach
    void open() {
        duck = Targets.factory("duckdb").open(new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), Path.of(".")));
        adapter = new FailingAdapter(duck);
        store = new MembershipStore(adapter, new MembershipTables("segments", "value"), false);
        source("(1, 'a'), (2, 'a'), (3, 'b')");
    }

    @AfterEach
    void close() {
        duck.close();
    }

    void source(String rows) {
        duck.execute("create or replace table src (id bigint, seg varchar)");
        duck.execute("insert into src values " + rows);
    }

    List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = duck.query(sql)) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.length; i++) sb.append(i > 0 ? "|" : "").append(r[i]);
                out.add(sb.toString());
            }
        }
        return out;
    }

    List<String> state() {
        List<String> out = new ArrayList<>();
        out.addAll(rows("select 'm', entity_id, segment, run_id from segments.value_members order by 2, 3"));
        out.addAll(rows("select 'h', entity_id, segment, valid_from, valid_to, run_id from segments.value_history order by 2, 3, 4"));
        out.addAll(rows("select 'c', run_id, entity_id, change, from_segment, to_segment from segments.value_changes order by 2, 3"));
        return out;
    }

    @Test
    void historyChangesAndAuditFollowMembership() {
        RunSummary first = store.write(QUERY, "run1", Instant.parse("2024-01-01T00:00:00Z"), "h1");
        assertTrue(first.changed());
        assertNull(first.agreement());
        assertEquals(Map.of("a", 2L, "b", 1L), first.sizes());
        assertEquals(List.of("1|entered", "2|entered", "3|entered"),
                rows("select entity_id, change from segments.value_changes order by 1"));

        source("(1, 'a'), (2, 'b'), (4, 'b')");
        RunSummary second = store.write(QUERY, "run2", Instant.parse("2024-02-01T00:00:00Z"), "h1");
        assertTrue(second.changed());
        assertEquals(1, second.entered());
        assertEquals(1, second.exited());
        assertEquals(1, second.moved());
        assertEquals(1.0 / 3, second.agreement(), 1e-9);
        assertEquals(1L, second.transitions().get("a").get("b"));
        assertEquals(List.of("run2|2|moved|a|b", "run2|3|exited|b|null", "run2|4|entered|null|b"),
                rows("select run_id, entity_id, change, from_segment, to_segment from segments.value_changes "
                        + "where run_id = 'run2' order by entity_id"));
        assertEquals(List.of("1|a|2024-01-01|null", "2|a|2024-01-01|2024-02-01", "2|b|2024-02-01|null",
                        "3|b|2024-01-01|2024-02-01", "4|b|2024-02-01|null"),
                rows("select entity_id, segment, strftime(valid_from, '%Y-%m-%d'), strftime(valid_to, '%Y-%m-%d') "
                        + "from segments.value_history order by 1, 2"));
        // only the delta is written: entity 1 stayed in a and keeps the run that put it there
        assertEquals(List.of("1|a|run1", "2|b|run2", "4|b|run2"),
                rows("select entity_id, segment, run_id from segments.value_members order by 1"));
    }

    @Test
    void rerunningWithUnchangedDataChangesNothingButTheAudit() {
        store.write(QUERY, "run1", Instant.parse("2024-01-01T00:00:00Z"), "h1");
        List<String> before = state();
        RunSummary again = store.write(QUERY, "run2", Instant.parse("2024-01-02T00:00:00Z"), "h1");
        assertFalse(again.changed());
        assertEquals(1.0, again.agreement());
        assertEquals(before, state());
        assertEquals(List.of("run1|true|3|success", "run2|false|3|success"),
                rows("select run_id, changed, total_members, status from segments.segflow_runs order by run_id"));
        assertTrue(duck.describe(store.tables().staging()).isEmpty());
    }

    @Test
    void aRunFailingInsideTheAtomicStepLeavesTheLastGoodState() {
        store.write(QUERY, "run1", Instant.parse("2024-01-01T00:00:00Z"), "h1");
        List<String> before = state();
        source("(1, 'b'), (2, 'b'), (5, 'c')");
        adapter.failNextBigTransaction = true;
        assertThrows(RuntimeException.class, () -> store.write(QUERY, "run2", Instant.parse("2024-01-02T00:00:00Z"), "h1"));
        assertEquals(before, state());
        assertEquals(List.of("run1"), rows("select run_id from segments.segflow_runs"));
        // the staging table is left behind and dropped by the next run, which then succeeds
        assertTrue(duck.describe(store.tables().staging()).isPresent());
        RunSummary retry = store.write(QUERY, "run3", Instant.parse("2024-01-03T00:00:00Z"), "h1");
        assertTrue(retry.changed());
        assertEquals(List.of("1|b|run3", "2|b|run3", "5|c|run3"),
                rows("select entity_id, segment, run_id from segments.value_members order by 1"));
    }

    @Test
    void aFirstRunRenamedIntoPlaceLeavesWhatCopyingItWouldHave() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        RunSummary renamed = store.write(QUERY, "run1", at, "h1");
        MembershipStore copying = new MembershipStore(adapter, new MembershipTables("segments", "copied"), false);
        RunSummary copied = copying.publish(copying.stage(QUERY), "run1", at, "h1", "success", null);
        assertEquals(copied.sizes(), renamed.sizes());
        assertEquals(copied.transitions(), renamed.transitions());
        assertEquals(copied.entered(), renamed.entered());
        assertTrue(renamed.changed());
        for (String table : List.of("members", "history", "changes")) {
            assertEquals(duck.describe(RelationName.of("segments", "copied_" + table)).orElseThrow().columns(),
                    duck.describe(RelationName.of("segments", "value_" + table)).orElseThrow().columns(), table);
            assertEquals(rows("select * from segments.copied_" + table + " order by all"),
                    rows("select * from segments.value_" + table + " order by all"), table);
        }
        assertTrue(duck.describe(store.tables().staging()).isEmpty());
        // the next run compares with the renamed table as with any other
        source("(1, 'a'), (2, 'b'), (3, 'b')");
        RunSummary second = store.write(QUERY, "run2", Instant.parse("2024-02-01T00:00:00Z"), "h1");
        assertEquals(1, second.moved());
        assertEquals(List.of("1|a|run1", "2|b|run2", "3|b|run1"),
                rows("select entity_id, segment, run_id from segments.value_members order by 1"));
    }

    @Test
    void aFirstRunFailingInsideTheAtomicStepCreatesNoTable() {
        adapter.failNextBigTransaction = true;
        assertThrows(RuntimeException.class, () -> store.write(QUERY, "run1", Instant.parse("2024-01-01T00:00:00Z"), "h1"));
        // the history and changes tables created in the failed transaction went with it, and nothing was renamed
        for (RelationName t : List.of(store.tables().members(), store.tables().history(), store.tables().changes())) {
            assertTrue(duck.describe(t).isEmpty(), t.toString());
        }
        assertEquals(List.of(), rows("select run_id from segments.segflow_runs"));
        RunSummary retry = store.write(QUERY, "run2", Instant.parse("2024-01-02T00:00:00Z"), "h1");
        assertTrue(retry.changed());
        assertEquals(List.of("1|a|run2", "2|a|run2", "3|b|run2"),
                rows("select entity_id, segment, run_id from segments.value_members order by 1"));
    }

    @Test
    void exportViewHidesGroupsBelowTheFloor() {
        store.write(QUERY, "run1", Instant.parse("2024-01-01T00:00:00Z"), "h1");
        store.writeExportView(2);
        assertEquals(List.of("1|a", "2|a"), rows("select entity_id, segment from segments.value_export order by 1"));
    }
}
