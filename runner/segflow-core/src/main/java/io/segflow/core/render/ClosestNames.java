package io.segflow.core.render;

import io.segflow.core.project.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions: the candidates closest to a misspelt name by edit distance. */
public final class ClosestNames {
    private ClosestNames() {
    }

    /** Up to {@code max} candidates within a small edit distance of {@code name}, closest first. */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, n.length() / 3);
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(candidates));
        List<String> out = new ArrayList<>();
        unique.stream()
                .filter(c -> distance(n, c.toLowerCase(Locale.ROOT)) <= limit
                        || c.toLowerCase(Locale.ROOT).contains(n) || n.contains(c.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt((String c) -> distance(n, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(max)
                .forEach(out::add);
        return out;
    }

    /** "did you mean 'a', 'b'?" or null when nothing is close. */
    public static String hint(String name, Collection<String> candidates) {
        List<String> c = closest(name, candidates, 3);
        if (c.isEmpty()) return null;
        return "did you mean " + String.join(", ", c.stream().map(s -> "'" + s + "'").toList()) + "?";
    }

    static int distance(String a, String b) {
        return Suggestions.distance(a, b);
    }
}
