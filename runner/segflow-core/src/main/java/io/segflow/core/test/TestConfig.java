package io.segflow.core.test;

import io.segflow.spi.RelationName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's test thresholds and failure storage: the failure count is compared with {@code errorIf} first, then
 * {@code warnIf} (dbt's order); {@code storeAs} is {@code table} or {@code view} when the failing rows are kept
 * ({@code store_failures}), else null; {@code failCalc} is the failure count's expression over the failing rows
 * (dbt's {@code fail_calc}, null: {@code count(*)}); {@code auditRelation} is where they are kept (dbt's
 * {@code <target schema>_dbt_test__audit.<test name>}), set when the test is planned.
 */
public record TestConfig(String warnIf, String errorIf, String failCalc, String storeAs, RelationName auditRelation) {
    public static final String DEFAULT_CONDITION = "!=0";
    public static final TestConfig DEFAULT = new TestConfig(DEFAULT_CONDITION, DEFAULT_CONDITION, null, null, null);
    private static final Pattern CONDITION = Pattern.compile("\\s*(!=|<>|>=|<=|==|=|>|<)\\s*(-?\\d+)\\s*");

    public TestConfig {
        warnIf = normalize(warnIf);
        errorIf = normalize(errorIf);
        if ("ephemeral".equals(storeAs)) storeAs = null; // dbt's way of turning store_failures off
    }

    /** Whether {@code text} is a condition segflow evaluates: a comparison operator and an integer. */
    public static boolean valid(String text) {
        return text != null && CONDITION.matcher(text).matches();
    }

    /** "error", "warn" or "pass" for {@code failures} rows; {@code severity: warn} never errors, as in dbt. */
    public String outcome(long failures, boolean warnOnly) {
        if (!warnOnly && holds(errorIf, failures)) return "error";
        if (holds(warnIf, failures)) return "warn";
        return "pass";
    }

    public TestConfig storedIn(RelationName relation) {
        return new TestConfig(warnIf, errorIf, failCalc, storeAs, storeAs == null ? null : relation);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    private static boolean holds(String condition, long failures) {
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) throw new IllegalStateException("unchecked condition " + condition);
        long n = Long.parseLong(m.group(2));
        return switch (m.group(1)) {
            case "!=", "<>" -> failures != n;
            case ">=" -> failures >= n;
            case "<=" -> failures <= n;
            case "=", "==" -> failures == n;
            case ">" -> failures > n;
            default -> failures < n;
        };
    }

    private static String normalize(String condition) {
        return condition == null ? DEFAULT_CONDITION : condition.replace(" ", "");
    }
}
