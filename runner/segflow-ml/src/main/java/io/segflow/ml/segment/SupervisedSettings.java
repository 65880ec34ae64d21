package io.segflow.ml.segment;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label and cutoff keys of supervised model segments (propensity, ltv with xgboost): the label is an
 * aggregate over {@code transactions} rows in (cutoff, cutoff + window_days]; the features are rebuilt as of each
 * cutoff through the project var {@code cutoff_var}. Two or more cutoffs give a time-based train/test split.
 */
record SupervisedSettings(InputRelation transactions, String labelKey, String labelDate, int windowDays,
                          String labelExpression, String cutoffVar, List<String> cutoffs, double testFraction,
                          int rounds) {
    static final Set<String> KEYS = Set.of("transactions", "label", "cutoff", "cutoff_var", "test_fraction", "rounds");
    static final Set<String> LABEL_KEYS = Set.of("entity_key", "date", "window_days", "positive", "value");

    String canonical() {
        return "transactions=" + transactions.relation() + "\nlabel=" + labelKey + "/" + labelDate + "/" + windowDays + "/"
                + labelExpression + "\ncutoff_var=" + cutoffVar + "\ncutoffs=" + cutoffs + "\ntest_fraction=" + testFraction
                + "\nrounds=" + rounds;
    }

    /** @param expressionKey "positive" (a condition: propensity) or "value" (a number: LTV) */
    static SupervisedSettings read(SegmentSpec spec, SegmentContext ctx, ModelDefinition def, String expressionKey,
                                   int defaultRounds) {
        InputRelation tx = ctx.relation(spec, "transactions").orElse(null);
        Object rawLabel = spec.body().get("label");
        if (!(rawLabel instanceof Map<?, ?> label)) {
            ctx.error(rawLabel == null ? ErrorCode.MISSING_KEY : ErrorCode.WRONG_TYPE,
                    spec.positionOf("label"), "segment '" + spec.name() + "' needs a label mapping",
                    "write label: {date: order_date, window_days: 90, " + expressionKey + ": \""
                            + (expressionKey.equals("positive") ? "count(order_id) = 0" : "sum(net_amount)") + "\"}");
            return null;
        }
        if (tx == null) return null;
        boolean ok = ctx.checkKeys(spec, "label", label, LABEL_KEYS);
        String key = label.get("entity_key") == null ? def.entityKey() : String.valueOf(label.get("entity_key"));
        ok &= ctx.requireColumn(spec, "label.entity_key", tx, key);
        String date = label.get("date") == null ? null : String.valueOf(label.get("date"));
        ok &= ctx.requireColumn(spec, "label.date", tx, date);
        Integer window = ModelDefinition.positiveInt(spec, ctx, "label.window_days", label.get("window_days"), 90);
        String expr = label.get(expressionKey) == null ? null : String.valueOf(label.get(expressionKey));
        if (expr == null) {
            ctx.error(ErrorCode.MISSING_KEY, spec.positionOf("label"), "label needs '" + expressionKey + "'",
                    expressionKey.equals("positive") ? "an aggregate condition over the window's rows, e.g. count(order_id) = 0"
                            : "an aggregate over the window's rows, e.g. sum(net_amount)");
            ok = false;
        } else {
            ok &= ctx.validateExpression(spec, "label." + expressionKey, expr, tx.sqlName() + " as \"w\"",
                    expressionKey.equals("positive"), true);
        }
        String cutoffVar = ctx.string(spec, "cutoff_var", "as_of_date");
        Object asOf = ctx.vars().get(cutoffVar);
        // the definition is checked against the project's own analysis date; a --vars override that moves it
        // earlier is refused at run time by this node alone, so excluded or unrelated nodes still build
        Object projectAsOf = ctx.project().config().vars().get(cutoffVar);
        if (asOf == null) {
            ctx.error(ErrorCode.UNKNOWN_VAR, spec.positionOf("cutoff_var"), "cutoff_var '" + cutoffVar
                    + "' is not a project var", "name the var your features are computed as of (segflow_project.yml vars)");
            ok = false;
        }
        List<String> cutoffs = new ArrayList<>();
        Object rawCutoff = spec.body().get("cutoff");
        List<?> values = rawCutoff instanceof List<?> l ? l : rawCutoff == null ? List.of() : List.of(rawCutoff);
        if (values.isEmpty()) {
            ctx.error(ErrorCode.MISSING_KEY, spec.positionOf("cutoff"), "segment '" + spec.name()
                    + "' needs a cutoff date", "write cutoff: \"2024-09-30\" (or a list; the latest one is the test set)");
            ok = false;
        }
        for (int i = 0; i < values.size(); i++) {
            String path = rawCutoff instanceof List<?> ? "cutoff." + i : "cutoff";
            String text = String.valueOf(values.get(i));
            try {
                LocalDate c = LocalDate.parse(text);
                if (window != null && projectAsOf != null
                        && c.plusDays(window).isAfter(LocalDate.parse(String.valueOf(projectAsOf)))) {
                    ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "cutoff " + c + " + "
                                    + window + " days ends after " + cutoffVar + " " + projectAsOf
                                    + ": the label would see the future",
                            "use a cutoff at least window_days before " + projectAsOf);
                    ok = false;
                }
                cutoffs.add(c.toString());
            } catch (DateTimeParseException e) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "cutoff '" + text + "' is not a date",
                        "write it as YYYY-MM-DD");
                ok = false;
            }
        }
        Double test = ModelDefinition.number(spec, ctx, "test_fraction", spec.body().get("test_fraction"), 0.25, 0.01, 0.99);
        Integer rounds = ModelDefinition.positiveInt(spec, ctx, "rounds", spec.body().get("rounds"), defaultRounds);
        if (!ok || window == null || test == null || rounds == null) return null;
        return new SupervisedSettings(tx, key, date, window, expr, cutoffVar, cutoffs.stream().sorted().distinct().toList(),
                test, rounds);
    }

    CutoffTraining training(SegmentContext ctx, ModelDefinition def, String labelSql) {
        return new CutoffTraining(ctx.project(), ctx.vars(), def, cutoffVar, cutoffs,
                new CutoffTraining.Label(transactions.relation(), labelKey, labelDate, windowDays, labelSql));
    }
}
