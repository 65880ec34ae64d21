package io.segflow.core.execute;

import io.segflow.core.compile.CompiledTest;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.util.Set;

/**
 * Runs a data test: counts the rows its query returns and compares the count with the test's {@code error_if},
 * then {@code warn_if} (both {@code != 0} by default: zero passes, otherwise fail, or warn).
 */
final class TestAction implements NodeAction {
    private final CompiledTest test;
    private final WarehouseAdapter adapter;

    TestAction(CompiledTest test, WarehouseAdapter adapter) {
        this.test = test;
        this.adapter = adapter;
    }

    @Override
    public String id() {
        return test.id();
    }

    @Override
    public String name() {
        return test.name();
    }

    @Override
    public Set<String> waitsFor() {
        return test.dependsOn();
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        RelationName audit = test.config().auditRelation();
        String counted = "(" + test.compiledSql() + ") as failures";
        if (audit != null) {
            adapter.createSchemaIfMissing(audit.schema());
            TableInfo.Kind kind = "view".equals(test.config().storeAs()) ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE;
            // a table cannot be replaced by a view (nor a view by a table): switching kinds drops the old one first
            if (adapter.describe(audit).filter(t -> t.kind() != kind).isPresent()) adapter.dropIfExists(audit);
            if (kind == TableInfo.Kind.VIEW) {
                adapter.replaceView(audit, test.compiledSql());
            } else {
                adapter.replaceTable(audit, test.compiledSql());
                counted = adapter.render(audit);
            }
        }
        long failures;
        String countSql = test.failCalcSql() != null ? test.failCalcSql() : "select count(*) from " + counted;
        try (RowStream rs = adapter.query(countSql)) {
            Object n = rs.hasNext() ? rs.next()[0] : null;
            failures = n == null ? 0 : ((Number) n).longValue(); // a sum over no failing rows is null: no failures
        }
        double secs = (System.nanoTime() - start) / 1e9;
        NodeStatus status = switch (test.config().outcome(failures, test.warnOnly())) {
            case "error" -> NodeStatus.FAIL;
            case "warn" -> NodeStatus.WARN;
            default -> NodeStatus.PASS;
        };
        String msg = failures == 0 ? null : test.failCalcSql() != null ? "fail_calc " + failures
                : failures + " failing row" + (failures == 1 ? "" : "s");
        if (audit != null) msg = (msg == null ? "no failing rows" : msg) + ", stored in " + audit;
        return new NodeResult(test.id(), test.name(), status, "test", audit == null ? null : audit.toString(),
                failures, secs, msg);
    }
}
