package io.segflow.cli;

import io.segflow.ml.registry.ModelMetadata;
import java.util.Locale;
import java.util.Map;

/** The model card part of {@code segflow models show}: global and permutation importance as aligned bars. */
final class ModelCardText {
    private static final int BAR = 24;

    private ModelCardText() {
    }

    static String render(ModelMetadata m) {
        StringBuilder sb = new StringBuilder();
        section(sb, m.params().get("importance"), "feature importance");
        section(sb, m.params().get("permutation_importance"), "permutation importance");
        return sb.toString();
    }

    private static void section(StringBuilder sb, Object raw, String title) {
        if (!(raw instanceof Map<?, ?> card) || !(card.get("values") instanceof Map<?, ?> values) || values.isEmpty()) {
            return;
        }
        String how = card.get("method") != null ? card.get("method") + ": " + card.get("unit")
                : "drop of " + card.get("metric") + " when the feature is shuffled, " + card.get("rows") + " rows, "
                + card.get("repeats") + " shuffles";
        sb.append(title).append(" (").append(how).append("):\n");
        double max = values.values().stream().mapToDouble(v -> Math.abs(((Number) v).doubleValue())).max().orElse(0);
        int width = values.keySet().stream().mapToInt(k -> String.valueOf(k).length()).max().orElse(8);
        values.forEach((k, v) -> {
            double d = ((Number) v).doubleValue();
            int len = max == 0 ? 0 : (int) Math.round(BAR * Math.abs(d) / max);
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %+10.4f  %s%n", k, d, "#".repeat(len)));
        });
    }
}
