package io.segflow.audience;

import static io.segflow.core.segment.SegmentSql.ident;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.Suggestions;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compile-time checks of an audience set's {@code exports:}: known audiences, identifier columns that exist, and
 * the personal-data gate. The identifiers' query is validated as written (before hashing) and its column lineage
 * walked: a column that is or derives from a {@code pii: true} column may leave only hashed; anything else is SF601.
 */
final class ExportChecks {
    private final SegmentSpec spec;
    private final SegmentContext ctx;
    private final AudienceSet set;

    ExportChecks(SegmentSpec spec, SegmentContext ctx, AudienceSet set) {
        this.spec = spec;
        this.ctx = ctx;
        this.set = set;
    }

    boolean check() {
        boolean ok = true;
        Set<String> names = new HashSet<>();
        for (AudienceSet.Export e : set.exports()) {
            if (!names.add(e.name())) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(e.keyPath() + ".name"), "export '" + e.name()
                        + "' is listed twice in audience set '" + spec.name() + "'", "give each export its own name");
                ok = false;
            }
            for (String a : e.audiences()) {
                if (set.audienceNames().contains(a)) continue;
                String hint = Suggestions.didYouMean(a, set.audienceNames());
                ctx.error(ErrorCode.AUDIENCE, spec.positionOf(e.keyPath() + ".audiences"), "export '" + e.name()
                        + "' names unknown audience '" + a + "'", hint != null ? hint
                        : "audiences: " + String.join(", ", set.audienceNames()));
                ok = false;
            }
            if (e.identifiers() != null) ok &= identifiers(e);
        }
        return ok;
    }

    private boolean identifiers(AudienceSet.Export e) {
        String path = e.keyPath() + ".identifiers";
        AudienceSet.Identifiers ids = e.identifiers();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("from", ids.from());
        values.put("key", ids.key());
        for (int i = 0; i < ids.columns().size(); i++) values.put("columns." + i + ".column", ids.columns().get(i).column());
        SegmentSpec part = Nested.of(spec, path, values);
        InputRelation in = ctx.relation(part, "from").orElse(null);
        if (in == null) return false;
        String key = ids.key() != null ? ids.key() : in.entityKey();
        boolean ok = ctx.requireColumn(part, "key", in, key);
        StringBuilder sql = new StringBuilder("select \"t\".").append(ident(key == null ? "" : key)).append(" as \"entity_id\"");
        Set<String> seen = new HashSet<>(Set.of("entity_id", "audience", "action", "as_of"));
        for (int i = 0; i < ids.columns().size(); i++) {
            AudienceSet.Identifier c = ids.columns().get(i);
            ok &= ctx.requireColumn(part, "columns." + i + ".column", in, c.column());
            if (!seen.add(c.name())) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(path + ".columns." + i + ".name"), "export column '"
                        + c.name() + "' is defined twice or shadows a column every export has",
                        "entity_id, audience, action and as_of are always written; choose another name");
                ok = false;
            }
            sql.append(", \"t\".").append(ident(c.column())).append(" as ").append(ident(c.name()));
        }
        if (!ok) return false;
        Optional<Map<String, Set<String>>> personal = ctx.personalData(part, "from", sql + " from " + in.sqlName() + " as \"t\"");
        if (personal.isEmpty()) return false;
        if (!personal.get().getOrDefault("entity_id", Set.of()).isEmpty()) {
            ctx.error(ErrorCode.PRIVACY, spec.positionOf(path + ".key"), "export '" + e.name() + "' would write personal "
                    + "data as entity_id: " + String.join(", ", personal.get().get("entity_id")),
                    "key the identifiers by a non-personal id");
            ok = false;
        }
        for (int i = 0; i < ids.columns().size(); i++) {
            AudienceSet.Identifier c = ids.columns().get(i);
            Set<String> leaks = personal.get().getOrDefault(c.name(), Set.of());
            if (c.hashed() || leaks.isEmpty()) continue;
            ctx.error(ErrorCode.PRIVACY, spec.positionOf(path + ".columns." + i + ".column"), "export '" + e.name()
                            + "' would write personal data unhashed in column '" + c.name() + "': " + String.join(", ", leaks),
                    "columns tagged pii: true leave only hashed: `hash: sha256` (with `normalize: email` for e-mail)");
            ok = false;
        }
        return ok;
    }
}
