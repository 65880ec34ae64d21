package io.segflow.cli;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code --fail-on} gate of {@code segflow plan}, e.g. {@code moved_share>0.2}, checked against every segmentation. */
record PlanGate(String metric, String op, double limit) {
    static final List<String> METRICS = List.of("moved_share", "changed_share", "entered", "exited", "moved", "failed_tests");
    private static final Pattern FORM = Pattern.compile("\\s*([a-z_]+)\\s*(>=|<=|>|<|=)\\s*([0-9.]+)\\s*");

    static List<PlanGate> parse(List<String> texts) {
        List<PlanGate> out = new ArrayList<>();
        for (String text : texts) {
            Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches() || !METRICS.contains(m.group(1))) {
                throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE, null,
                        "invalid --fail-on gate '" + text + "'",
                        "write METRIC>NUMBER (also >=, <, <=, =) with a metric of " + String.join(", ", METRICS)));
            }
            out.add(new PlanGate(m.group(1), m.group(2), Double.parseDouble(m.group(3))));
        }
        return out;
    }

    boolean trips(double value) {
        return switch (op) {
            case ">" -> value > limit;
            case ">=" -> value >= limit;
            case "<" -> value < limit;
            case "<=" -> value <= limit;
            default -> value == limit;
        };
    }

    @Override
    public String toString() {
        return metric + op + (limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit));
    }
}
