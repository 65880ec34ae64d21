package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTextTest {
    record Config(String name, Map<String, Object> vars, List<String> paths) {
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    @Test
    void mapsAndSetsInAnyIterationOrderGiveTheSameText() {
        Config a = new Config("shop", ordered("as_of_date", "2024-12-31", "window", ordered("x", 1, "y", 2)), List.of("f"));
        Config b = new Config("shop", ordered("window", ordered("y", 2, "x", 1), "as_of_date", "2024-12-31"), List.of("f"));
        assertNotEquals(a.toString(), b.toString());
        assertEquals(CanonicalText.of(a), CanonicalText.of(b));
        assertEquals(CanonicalText.of(new LinkedHashSet<>(List.of("b", "a"))), CanonicalText.of(new LinkedHashSet<>(List.of("a", "b"))));
    }

    @Test
    void differentValuesAndListOrdersStayDifferent() {
        assertNotEquals(CanonicalText.of(ordered("a", 1)), CanonicalText.of(ordered("a", 2)));
        assertNotEquals(CanonicalText.of(List.of("a", "b")), CanonicalText.of(List.of("b", "a")));
        assertNotEquals(CanonicalText.of(new Config("x", Map.of(), List.of())), CanonicalText.of(new Config("y", Map.of(), List.of())));
    }

    record Nested(Config config, boolean enabled) {
    }

    @Test
    void recordsArePrintedComponentByComponentInDeclarationOrder() {
        // cache keys written by earlier runs hold this text: the form must not change
        Nested n = new Nested(new Config("shop", ordered("b", 2, "a", 1), List.of("x", "y")), true);
        String expected = "Nested[config=Config[name=shop, vars={a=1, b=2, }, paths=[x, y, ], ], enabled=true, ]";
        assertEquals(expected, CanonicalText.of(n));
        assertEquals(expected, CanonicalText.of(n), "the same text when the record's accessors are already known");
    }
}
