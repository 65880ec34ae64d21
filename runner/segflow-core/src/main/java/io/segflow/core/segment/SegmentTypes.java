package io.segflow.core.segment;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The segment types on the classpath, by name. */
public final class SegmentTypes {
    private SegmentTypes() {
    }

    public static Map<String, SegmentType> available() {
        Map<String, SegmentType> out = new TreeMap<>();
        for (SegmentType t : ServiceLoader.load(SegmentType.class, SegmentTypes.class.getClassLoader())) {
            out.putIfAbsent(t.name(), t);
        }
        return out;
    }

    public static Optional<SegmentType> find(String name) {
        return Optional.ofNullable(available().get(name));
    }
}
