package io.segflow.core.render;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run_query()} returns, shaped like the agate table dbt gives: {@code table.rows} (lists, indexable by
 * position), {@code table.columns[i].name} and {@code table.columns[i].values()}, {@code table.column_names}.
 */
public final class QueryTable {
    private final QueryRunner.Result result;

    QueryTable(QueryRunner.Result result) {
        this.result = result;
    }

    static QueryTable empty() {
        return new QueryTable(new QueryRunner.Result(List.of(), List.of()));
    }

    public List<List<Object>> getRows() {
        return result.rows();
    }

    public List<String> getColumn_names() {
        return result.columns();
    }

    public List<Column> getColumns() {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < result.columns().size(); i++) out.add(new Column(result.columns().get(i), i));
        return out;
    }

    public String print_table() {
        return "";
    }

    @Override
    public String toString() {
        return result.rows().toString();
    }

    /** One column: its name and its values in row order. */
    public final class Column {
        private final String name;
        private final int index;

        Column(String name, int index) {
            this.name = name;
            this.index = index;
        }

        public String getName() {
            return name;
        }

        public List<Object> values() {
            return result.rows().stream().map(r -> r.get(index)).toList();
        }
    }
}
