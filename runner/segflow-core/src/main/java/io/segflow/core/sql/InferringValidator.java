package io.segflow.core.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator, which before typing each expression walks it to give NULL literals and dynamic parameters
 * the type their context implies ({@code inferUnknownTypes}): for every call on the way it builds a call binding
 * and runs the operator's operand inference, whose only lasting effects are on those two kinds of leaves and on
 * CASE (typed early, its implicit ELSE NULL typed). That walk was 6% of a compile's samples, mostly over
 * expressions holding none of them. Such an expression is skipped whole; any other goes through Calcite's walk
 * unchanged. Subqueries are left out of the check, as Calcite's walk leaves them to their own validation.
 */
final class InferringValidator extends SqlValidatorImpl {
    InferringValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory typeFactory,
                       Config config) {
        super(operators, reader, typeFactory, config);
    }

    @Override
    protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
        // Calcite's walk calls back here for each operand: only the branches leading to such leaves are walked
        if (needsInference(node)) super.inferUnknownTypes(inferredType, scope, node);
    }

    /** Whether Calcite's walk over {@code node} would type or check anything. */
    static boolean needsInference(SqlNode node) {
        if (node == null) return false;
        if (node instanceof SqlDynamicParam || SqlUtil.isNullLiteral(node, false) || node instanceof SqlCase
                || node.getKind() == SqlKind.MEASURE) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (needsInference(item)) return true;
            }
            return false;
        }
        if (!(node instanceof SqlCall call) || node.isA(SqlKind.QUERY)) return false;
        for (SqlNode operand : call.getOperandList()) {
            if (needsInference(operand)) return true;
        }
        return false;
    }
}
