package io.segflow.core.segment;

import io.segflow.spi.Capability;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;

/**
 * A real adapter whose next multi-statement atomic step fails just before its last statement, after all
 * the others ran inside the transaction (simulates a run killed midway through the commit step).
 */
final class FailingAdapter implements WarehouseAdapter {
    private final WarehouseAdapter real;
    boolean failNextBigTransaction;

    FailingAdapter(WarehouseAdapter real) {
        this.real = real;
    }

    @Override
    public void executeAtomically(List<String> statements) {
        if (failNextBigTransaction && statements.size() > 3) {
            failNextBigTransaction = false;
            List<String> broken = new ArrayList<>(statements);
            broken.add(broken.size() - 1, "insert into no_such_schema.no_such_table values (1)");
            real.executeAtomically(broken);
            return;
        }
        real.executeAtomically(statements);
    }

    @Override public String type() { return real.type(); }
    @Override public io.segflow.spi.sql.SqlFlavor flavor() { return real.flavor(); }
    @Override public Set<Capability> capabilities() { return real.capabilities(); }
    @Override public String quote(String identifier) { return real.quote(identifier); }
    @Override public void execute(String sql) { real.execute(sql); }
    @Override public RowStream query(String sql) { return real.query(sql); }
    @Override public Optional<TableInfo> describe(RelationName name) { return real.describe(name); }
    @Override public List<TableInfo> listRelations(String schema) { return real.listRelations(schema); }
    @Override public void createSchemaIfMissing(String schema) { real.createSchemaIfMissing(schema); }
    @Override public void replaceTable(RelationName target, String selectSql) { real.replaceTable(target, selectSql); }
    @Override public void replaceView(RelationName target, String selectSql) { real.replaceView(target, selectSql); }
    @Override public void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) { real.mergeInto(target, selectSql, uniqueKey); }
    @Override public long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace) {
        return real.bulkLoad(target, columns, rows, replace);
    }
    @Override public void dropIfExists(RelationName name) { real.dropIfExists(name); }
    @Override public void close() { real.close(); }
}
