package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.execute.Targets;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StagedMembership;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.LivePostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code <name>_history} is a view over the ended memberships and the current members: after each run it must hold
 * the rows the history table of the earlier data model held (written out below), on DuckDB (first run renamed into
 * place) and on PostgreSQL (first run copied, a view holding its tables).
 */
class MembershipHistoryViewTest {
    static final Instant T1 = Instant.parse("2024-01-01T06:30:00Z");
    static final Instant T2 = Instant.parse("2024-02-01T06:30:00Z");
    static final Instant T3 = Instant.parse("2024-03-01T06:30:00Z");
    /** The earlier model's history table after runs 1 to 3 of the first test (entity, group, score, from, to, run). */
    static final List<String> AFTER_RUN_3 = List.of(
            "1|a|1|2024-01-01 06:30|2024-03-01 06:30|run1",
            "2|a|2|2024-01-01 06:30|2024-02-01 06:30|run1",
            "2|a|200|2024-03-01 06:30|null|run3",
            "2|b|20|2024-02-01 06:30|2024-03-01 06:30|run2",
            "3|b|3|2024-01-01 06:30|2024-02-01 06:30|run1",
            "4|b|40|2024-02-01 06:30|null|run2");
    WarehouseAdapter adapter;
    String schema;
    boolean failNextPublish;

    void open(String warehouse) {
        schema = "hist_" + UUID.randomUUID().toString().substring(0, 8);
        if (warehouse.equals("duckdb")) {
            adapter = Targets.factory("duckdb").open(new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), Path.of(".")));
        } else {
            Map<String, Object> settings = new HashMap<>(LivePostgres.settings());
            settings.put("run_lock", "false");
            adapter = Targets.factory("postgres").open(new TargetConfig("t", "postgres", settings, Path.of(".")));
        }
        adapter.createSchemaIfMissing(schema);
    }

    @AfterEach
    void close() {
        if (adapter == null) return;
        adapter.dropSchemaIfExists(schema);
        adapter.close();
    }

    /**
     * The store over an adapter whose next publish (an atomic step of more than three statements) fails before its
     * last statement, inside the transaction.
     */
    MembershipStore store(String name, boolean multi) {
        WarehouseAdapter real = adapter;
        WarehouseAdapter failing = (WarehouseAdapter) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WarehouseAdapter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeAtomically") && failNextPublish && ((List<?>) args[0]).size() > 3) {
                        failNextPublish = false;
                        List<Object> broken = new ArrayList<>((List<?>) args[0]);
                        broken.add(broken.size() - 1, "insert into no_such_schema.no_such_table values (1)");
                        args = new Object[] {broken};
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new MembershipStore(failing, new MembershipTables(schema, name), multi);
    }

    String source(String rows) {
        adapter.execute("drop table if exists " + schema + ".src");
        adapter.execute("create table " + schema + ".src as select * from (values " + rows + ") v (id, seg, sc)");
        StoreDialect d = StoreDialect.of(adapter);
        return "select cast(id as " + d.int64() + ") as entity_id, cast(seg as " + d.string() + ") as segment, cast(sc as "
                + d.float64() + ") as score, cast(null as " + d.string() + ") as explanation from " + schema + ".src";
    }

    List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String v = r[i] == null ? "null" : r[i] instanceof Number n ? String.valueOf(n.longValue())
                            : String.valueOf(r[i]).replace('T', ' ');
                    // timestamps to the minute, whatever the driver's text for them
                    sb.append(i > 0 ? "|" : "").append(v.matches("\\d{4}-.*") ? v.substring(0, 16) : v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    List<String> history(String name) {
        return rows("select entity_id, segment, score, valid_from, valid_to, run_id from " + schema + "." + name
                + "_history order by 1, 2, 4");
    }

    List<String> closed(String name) {
        return rows("select entity_id, segment, valid_to from " + schema + "." + name + "_history_closed order by 1, 2, 3");
    }

    TableInfo.Kind kind(String relation) {
        return adapter.describe(RelationName.of(schema, relation)).orElseThrow().kind();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void afterEnteringMovingAndExitingTheViewHoldsTheRowsTheHistoryTableHeld(String warehouse) {
        open(warehouse);
        MembershipStore store = store("value", false);
        store.write(source("(1, 'a', 1), (2, 'a', 2), (3, 'b', 3)"), "run1", T1, "h");
        assertEquals(List.of("1|a|1|2024-01-01 06:30|null|run1", "2|a|2|2024-01-01 06:30|null|run1",
                "3|b|3|2024-01-01 06:30|null|run1"), history("value"));
        assertEquals(TableInfo.Kind.VIEW, kind("value_history"));
        assertEquals(List.of(), closed("value"));
        // 1 stays (its new score is not written), 2 moves, 3 exits, 4 enters
        store.write(source("(1, 'a', 10), (2, 'b', 20), (4, 'b', 40)"), "run2", T2, "h");
        store.write(source("(2, 'a', 200), (4, 'b', 400)"), "run3", T3, "h");
        assertEquals(AFTER_RUN_3, history("value"));
        assertEquals(List.of("1|a|2024-03-01 06:30", "2|a|2024-02-01 06:30", "2|b|2024-03-01 06:30",
                "3|b|2024-02-01 06:30"), closed("value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void multiMembershipEndsOnlyThePairThatLeaves(String warehouse) {
        open(warehouse);
        MembershipStore store = store("multi", true);
        store.write(source("(1, 'a', 1), (1, 'b', 1), (2, 'a', 2)"), "run1", T1, "h");
        store.write(source("(1, 'a', 1), (2, 'a', 2), (2, 'b', 2)"), "run2", T2, "h");
        assertEquals(List.of(
                "1|a|1|2024-01-01 06:30|null|run1",
                "1|b|1|2024-01-01 06:30|2024-02-01 06:30|run1",
                "2|a|2|2024-01-01 06:30|null|run1",
                "2|b|2|2024-02-01 06:30|null|run2"), history("multi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aPublishFailingInsideItsTransactionLeavesTheHistoryAsItWas(String warehouse) {
        open(warehouse);
        MembershipStore store = store("value", false);
        store.write(source("(1, 'a', 1), (2, 'a', 2)"), "run1", T1, "h");
        List<String> before = history("value");
        failNextPublish = true;
        String moved = source("(1, 'b', 1)");
        assertThrows(RuntimeException.class, () -> store.write(moved, "run2", T2, "h"));
        assertEquals(before, history("value"));
        assertEquals(List.of(), closed("value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aBlockedFirstRunLeavesNoTableOrView(String warehouse) {
        open(warehouse);
        MembershipStore store = store("value", false);
        String query = source("(1, 'a', 1)");
        StagedMembership staged = store.stage(query, "run1", T1);
        store.block(staged, "run1", T1, "h", "guard min_size");
        assertEquals(List.of("segflow_runs", "src"),
                adapter.listRelations(schema).stream().map(t -> t.name().name()).sorted().toList());
    }

    /** The tables of the earlier data model after runs 1 and 2 of the first test, as its statements left them. */
    void earlierLayout(String name) {
        StoreDialect d = StoreDialect.of(adapter);
        String p = schema + "." + name;
        String ts = "cast(null as " + d.timestamp() + ")";
        String text = "cast('' as " + d.string() + ")";
        adapter.execute("create table " + p + "_members as select entity_id, segment, score, explanation, " + text
                + " as run_id, " + d.updatedAtTemplate() + " as updated_at from (" + source("(0, 'x', 0)") + ") s where 1 = 0");
        adapter.execute("create table " + p + "_history as select entity_id, segment, score, " + ts + " as valid_from, "
                + ts + " as valid_to, " + text + " as run_id from " + p + "_members where 1 = 0");
        adapter.execute("create table " + p + "_changes as select " + text + " as run_id, entity_id, " + text + " as change, "
                + text + " as from_segment, " + text + " as to_segment, " + ts + " as changed_at from " + p + "_members where 1 = 0");
        String t1 = d.timestampLiteral(T1);
        String t2 = d.timestampLiteral(T2);
        String at2 = d.flavor().membershipUpdatedAtValue(T2);
        String at1 = d.flavor().membershipUpdatedAtValue(T1);
        adapter.execute("insert into " + p + "_members values (1, 'a', 1, null, 'run1', " + at1 + "), (2, 'b', 20, null, 'run2', "
                + at2 + "), (4, 'b', 40, null, 'run2', " + at2 + ")");
        adapter.execute("insert into " + p + "_history values (1, 'a', 1, " + t1 + ", null, 'run1'), (2, 'a', 2, " + t1 + ", "
                + t2 + ", 'run1'), (2, 'b', 20, " + t2 + ", null, 'run2'), (3, 'b', 3, " + t1 + ", " + t2 + ", 'run1'), "
                + "(4, 'b', 40, " + t2 + ", null, 'run2')");
        // a view of someone else's on the history table (PostgreSQL would refuse to drop the table under it)
        adapter.execute("create view " + p + "_readers as select * from " + p + "_history");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aHistoryTableOfAnEarlierSegflowBecomesTheViewWithTheSameRows(String warehouse) {
        open(warehouse);
        earlierLayout("old");
        assertEquals(TableInfo.Kind.TABLE, kind("old_history"));
        MembershipStore store = store("old", false);
        store.write(source("(2, 'a', 200), (4, 'b', 400)"), "run3", T3, "h");
        assertEquals(TableInfo.Kind.VIEW, kind("old_history"));
        assertEquals(AFTER_RUN_3, history("old"));
        assertEquals(4, closed("old").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aMigrationFailingInsideThePublishLeavesTheEarlierTable(String warehouse) {
        open(warehouse);
        earlierLayout("old");
        List<String> before = history("old");
        MembershipStore store = store("old", false);
        failNextPublish = true;
        String query = source("(2, 'a', 200), (4, 'b', 400)");
        assertThrows(RuntimeException.class, () -> store.write(query, "run3", T3, "h"));
        // where DDL is transactional the migration went with the failed publish; elsewhere it ran before staging
        assertEquals(adapter.flavor().transactionalDdl() ? TableInfo.Kind.TABLE : TableInfo.Kind.VIEW, kind("old_history"));
        assertEquals(before, history("old"));
        store.write(query, "run3", T3, "h");
        assertEquals(AFTER_RUN_3, history("old"));
    }
}
