package io.segflow.bigquery;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnDefinition;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A ZetaSQL catalog of relations in BigQuery's naming ({@code dataset.table} and {@code project.dataset.table}). */
final class ZetaSqlCatalog {
    static final String PROJECT = "segflow-ci";

    final SimpleCatalog root = new SimpleCatalog("bigquery");
    final AnalyzerOptions options = new AnalyzerOptions();

    ZetaSqlCatalog() {
        LanguageOptions language = new LanguageOptions().enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        language.enableReservableKeyword("QUALIFY");
        options.setLanguageOptions(language);
        root.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
    }

    void add(RelationName relation, List<ColumnDef> columns) {
        List<SimpleColumn> cols = new ArrayList<>();
        for (ColumnDef c : columns) cols.add(new SimpleColumn(relation.name(), c.name(), type(c.type())));
        sub(sub(root, relation.schema()), relation.name(), cols);
        sub(sub(sub(root, PROJECT), relation.schema()), relation.name(), cols);
    }

    /** Registers a table a CREATE TABLE statement made ({@code [project.]dataset.table}, ZetaSQL-resolved columns). */
    void addCreated(List<String> namePath, List<ResolvedColumnDefinition> definitions) {
        String table = namePath.get(namePath.size() - 1);
        List<SimpleColumn> cols = new ArrayList<>();
        for (ResolvedColumnDefinition c : definitions) cols.add(new SimpleColumn(table, c.getName(), c.getType()));
        register(namePath, cols);
    }

    /** Registers a view a CREATE VIEW statement made, with the columns of its query. */
    void addCreatedView(List<String> namePath, List<ResolvedOutputColumn> output) {
        String view = namePath.get(namePath.size() - 1);
        List<SimpleColumn> cols = new ArrayList<>();
        for (ResolvedOutputColumn c : output) cols.add(new SimpleColumn(view, c.getName(), c.getColumn().getType()));
        register(namePath, cols);
    }

    private void register(List<String> namePath, List<SimpleColumn> cols) {
        String table = namePath.get(namePath.size() - 1);
        String dataset = namePath.get(namePath.size() - 2);
        sub(sub(root, dataset), table, cols);
        sub(sub(sub(root, PROJECT), dataset), table, cols);
    }

    private static SimpleCatalog sub(SimpleCatalog parent, String name) {
        SimpleCatalog existing = parent.getCatalog(name, null);
        if (existing != null) return existing;
        SimpleCatalog c = new SimpleCatalog(name);
        parent.addSimpleCatalog(c);
        return c;
    }

    private static void sub(SimpleCatalog dataset, String table, List<SimpleColumn> cols) {
        if (dataset.getTable(table, null) == null) dataset.addSimpleTable(table, new SimpleTable(table, cols));
    }

    static Type type(String portable) {
        String p = portable.toUpperCase(Locale.ROOT);
        TypeKind kind;
        if (p.startsWith("DECIMAL")) kind = TypeKind.TYPE_NUMERIC;
        else kind = switch (p) {
            case "BOOLEAN" -> TypeKind.TYPE_BOOL;
            case "INTEGER", "BIGINT" -> TypeKind.TYPE_INT64;
            case "DOUBLE" -> TypeKind.TYPE_DOUBLE;
            case "DATE" -> TypeKind.TYPE_DATE;
            case "TIMESTAMP" -> TypeKind.TYPE_TIMESTAMP;
            default -> TypeKind.TYPE_STRING;
        };
        return TypeFactory.createSimpleType(kind);
    }
}
