package io.segflow.core.segment.rfm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Named RFM group schemes. {@code standard_rfm} is the scheme of the R {@code rfm} package's documentation
 * (rfm_segment examples), in the same order, so that first-match assignment reproduces R's segments.
 */
public final class RfmPresets {
    /** A named group: inclusive score ranges [lo, hi] for recency, frequency and monetary. */
    public record Group(String name, int rLo, int rHi, int fLo, int fHi, int mLo, int mHi) {
    }

    public static final List<Group> STANDARD_RFM = List.of(
            new Group("Champions", 5, 5, 5, 5, 5, 5),
            new Group("Potential Loyalist", 3, 5, 3, 5, 2, 5),
            new Group("Loyal Customers", 2, 4, 2, 4, 2, 4),
            new Group("Promising", 3, 4, 1, 3, 3, 5),
            new Group("New Customers", 4, 5, 1, 3, 1, 5),
            new Group("Can't Lose Them", 1, 2, 3, 4, 4, 5),
            new Group("At Risk", 1, 2, 2, 5, 4, 5),
            new Group("Need Attention", 1, 3, 3, 5, 3, 5),
            new Group("About To Sleep", 2, 3, 1, 3, 1, 4),
            new Group("Lost", 1, 1, 1, 5, 1, 5));

    static final Map<String, List<Group>> ALL = Map.of("standard_rfm", STANDARD_RFM);

    /**
     * One {@code segments} entry over a preset: {@code group} replaces the same-named group in place or is added
     * (before the group named {@code before}, else at the end); a null {@code group} removes the named one.
     * {@code path} is the entry's YAML path, for errors.
     */
    public record Change(String name, Group group, String before, String path) {
    }

    /** A change names a group the preset (as changed so far) does not have. */
    public static final class UnknownGroupException extends RuntimeException {
        private final String name;
        private final String path;
        private final List<String> known;

        UnknownGroupException(String name, String path, List<String> known) {
            super("unknown group " + name);
            this.name = name;
            this.path = path;
            this.known = known;
        }

        public String name() {
            return name;
        }

        public String path() {
            return path;
        }

        public List<String> known() {
            return known;
        }
    }

    /** The preset's groups with the changes applied in order (first match still wins, in the resulting order). */
    public static List<Group> apply(List<Group> preset, List<Change> changes) {
        List<Group> out = new ArrayList<>(preset);
        for (Change c : changes) {
            int at = indexOf(out, c.name());
            if (c.group() == null) {
                if (at < 0) throw unknown(out, c.name(), c.path() + ".name");
                out.remove(at);
                continue;
            }
            if (at >= 0 && c.before() == null) {
                out.set(at, c.group());
                continue;
            }
            if (at >= 0) out.remove(at);
            int before = c.before() == null ? out.size() : indexOf(out, c.before());
            if (before < 0) throw unknown(out, c.before(), c.path() + ".before");
            out.add(before, c.group());
        }
        return List.copyOf(out);
    }

    private static int indexOf(List<Group> groups, String name) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).name().equals(name)) return i;
        }
        return -1;
    }

    private static UnknownGroupException unknown(List<Group> groups, String name, String path) {
        return new UnknownGroupException(name, path, groups.stream().map(Group::name).toList());
    }

    private RfmPresets() {
    }
}
