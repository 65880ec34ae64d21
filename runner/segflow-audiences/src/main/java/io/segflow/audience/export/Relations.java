package io.segflow.audience.export;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.project.SourceTable;
import io.segflow.spi.RelationName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a relation named in a definition lives (compile checked that it exists): a feature, seed or source. */
final class Relations {
    private static final Pattern REF = Pattern.compile("^\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$");
    private static final Pattern SOURCE =
            Pattern.compile("^\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$");

    private Relations() {
    }

    static Optional<RelationName> resolve(CompiledProject cp, String text) {
        Matcher s = SOURCE.matcher(text);
        if (s.matches()) {
            return cp.project().source(s.group(1), s.group(2)).map(Relations::of);
        }
        Matcher r = REF.matcher(text);
        String name = r.matches() ? r.group(1) : text.trim();
        Optional<RelationName> feature = cp.nodeByName(name).map(CompiledNode::relation);
        if (feature.isPresent()) return feature;
        return cp.seeds().values().stream().filter(x -> x.seed().name().equals(name)).map(CompiledSeed::relation)
                .findFirst();
    }

    private static RelationName of(SourceTable t) {
        return new RelationName(t.database(), t.schema(), t.identifier() == null ? t.table() : t.identifier());
    }
}
