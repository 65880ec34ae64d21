package io.segflow.core.sql;

import io.segflow.spi.sql.BoundedMemo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The operator table of every validation, with each lookup's answer remembered. The validator looks names up several
 * times per call and also once per column reference (any identifier might be a niladic function such as
 * {@code CURRENT_DATE}); every lookup upper-cases the name and walks three chained tables. The tables never change,
 * so an answer holds for the life of the process (at most 50,000 names per kind of lookup, see {@link BoundedMemo}).
 */
final class CachingOperatorTable implements SqlOperatorTable {
    private static final int SYNTAXES = SqlSyntax.values().length;

    private final SqlOperatorTable delegate;
    /** Answers for simple names, one map per (category or none, syntax, case sensitivity). */
    private final AtomicReferenceArray<BoundedMemo<String, List<SqlOperator>>> answers =
            new AtomicReferenceArray<>((SqlFunctionCategory.values().length + 1) * SYNTAXES * 2);

    CachingOperatorTable(SqlOperatorTable delegate) {
        this.delegate = delegate;
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, @Nullable SqlFunctionCategory category, SqlSyntax syntax,
                                        List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        if (!opName.isSimple()) {
            delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
            return;
        }
        int slot = ((category == null ? 0 : category.ordinal() + 1) * SYNTAXES + syntax.ordinal()) * 2
                + (nameMatcher.isCaseSensitive() ? 1 : 0);
        BoundedMemo<String, List<SqlOperator>> bySlot = answers.get(slot);
        if (bySlot == null) {
            answers.compareAndSet(slot, null, new BoundedMemo<>(50_000));
            bySlot = answers.get(slot);
        }
        operatorList.addAll(bySlot.get(opName.getSimple(), name -> {
            List<SqlOperator> out = new ArrayList<>();
            delegate.lookupOperatorOverloads(opName, category, syntax, out, nameMatcher);
            return List.copyOf(out);
        }));
    }

    /** The tables answering what is not remembered yet. */
    SqlOperatorTable delegate() {
        return delegate;
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return delegate.getOperatorList();
    }
}
