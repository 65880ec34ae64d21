package io.segflow.core.compile;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A text of a value that is the same in every JVM, for cache keys: maps and sets in sorted order, records by their
 * components. {@code toString()} is not: {@code Map.copyOf}/{@code Set.of} iterate in an order salted per JVM,
 * so a key built from it changes from one {@code segflow} process to the next.
 */
final class CanonicalText {
    /**
     * A record class's accessors. {@code Class#getRecordComponents} asks the VM for new component objects on every
     * call, which made a feature's cache key cost more than hashing it.
     */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) accessors[i] = components[i].getAccessor();
            return accessors;
        }
    };

    private CanonicalText() {
    }

    static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sb.append('{');
            sorted.forEach((k, v) -> {
                sb.append(k).append('=');
                append(sb, v);
                sb.append(", ");
            });
            sb.append('}');
        } else if (value instanceof Set<?> set) {
            List<String> items = new ArrayList<>();
            for (Object o : set) items.add(of(o));
            items.sort(null);
            sb.append(items);
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            for (Object o : list) {
                append(sb, o);
                sb.append(", ");
            }
            sb.append(']');
        } else if (value instanceof Record record) {
            sb.append(record.getClass().getSimpleName()).append('[');
            for (Method accessor : ACCESSORS.get(record.getClass())) {
                sb.append(accessor.getName()).append('=');
                try {
                    append(sb, accessor.invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                sb.append(", ");
            }
            sb.append(']');
        } else {
            sb.append(value);
        }
    }
}
