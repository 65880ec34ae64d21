package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A set of upper-case words of ASCII letters, digits and underscores, looked up by a region of a text in any
 * case without copying it: {@link ParserChoice} looks up every word of every query it parses.
 */
final class WordTrie {
    private static final int SYMBOLS = 26 + 10 + 1;

    private final List<int[]> children = new ArrayList<>();
    private final List<Boolean> terminal = new ArrayList<>();

    WordTrie(Set<String> words) {
        node();
        for (String word : words) add(word);
    }

    private int node() {
        int[] next = new int[SYMBOLS];
        Arrays.fill(next, -1);
        children.add(next);
        terminal.add(false);
        return children.size() - 1;
    }

    private void add(String word) {
        int at = 0;
        for (int i = 0; i < word.length(); i++) {
            int symbol = symbol(word.charAt(i));
            if (symbol < 0) throw new IllegalArgumentException("not a word of ASCII letters, digits and '_': " + word);
            if (children.get(at)[symbol] < 0) {
                int created = node();
                children.get(at)[symbol] = created;
            }
            at = children.get(at)[symbol];
        }
        terminal.set(at, true);
    }

    /** Whether {@code text[from, to)}, upper-cased, is one of the words. */
    boolean containsIgnoreCase(CharSequence text, int from, int to) {
        int at = 0;
        for (int i = from; i < to && at >= 0; i++) {
            int symbol = symbol(text.charAt(i));
            if (symbol < 0) return false;
            at = children.get(at)[symbol];
        }
        return at >= 0 && terminal.get(at);
    }

    private static int symbol(char c) {
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= '0' && c <= '9') return 26 + c - '0';
        return c == '_' ? 36 : -1;
    }
}
