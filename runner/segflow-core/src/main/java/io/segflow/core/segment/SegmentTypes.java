package io.segflow.core.segment;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The segment types on the classpath, by name. {@link #find} instantiates providers in classpath order only until
 * the wanted one answers, so a project using only core types never loads the segflow-ml classes (startup time).
 */
public final class SegmentTypes {
    private SegmentTypes() {
    }

    public static Map<String, SegmentType> available() {
        Map<String, SegmentType> out = new TreeMap<>();
        for (SegmentType t : loader()) {
            out.putIfAbsent(t.name(), t);
        }
        return out;
    }

    public static Optional<SegmentType> find(String name) {
        for (SegmentType t : loader()) {
            if (t.name().equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static ServiceLoader<SegmentType> loader() {
        return ServiceLoader.load(SegmentType.class, SegmentTypes.class.getClassLoader());
    }
}
