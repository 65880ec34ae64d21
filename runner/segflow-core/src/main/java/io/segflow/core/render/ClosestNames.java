package io.segflow.core.render;

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
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
