package io.segflow.spi.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers remembered per key for the life of a process, for questions a compile asks thousands of times about few
 * distinct keys (whether an identifier needs quotes, which operators a name finds). Past {@code maxEntries} every
 * answer is forgotten and found again, which bounds what a long-lived process keeps. Safe to share between threads.
 */
public final class BoundedMemo<K, V> {
    private final int maxEntries;
    private final Map<K, V> answers = new ConcurrentHashMap<>();

    public BoundedMemo(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * The answer for {@code key}, computed by {@code compute} the first time. Not {@code computeIfAbsent}: the
     * computation may ask this memo again (a type built from types), which a locked bin would not allow; two
     * threads computing the same answer at once both get an equal one.
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = answers.get(key);
        if (known == null) {
            known = compute.apply(key);
            if (answers.size() >= maxEntries) answers.clear();
            answers.put(key, known);
        }
        return known;
    }
}
