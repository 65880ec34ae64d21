package io.segflow.core.render;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Most features use Jinja only to name relations: {@code {{ ref('orders') }}}, {@code {{ source('raw', 'orders') }}}.
 * Such a template renders without Jinjava: each tag is replaced by what {@link JinjaFunctions#ref} or
 * {@link JinjaFunctions#source} returns for it, through the same {@link TemplateMarkers}, so the SQL, line map, refs,
 * sources and ref positions are those the interpreter gives ({@code PlainTemplatesTest} compares both over every
 * feature of the example and test projects). Anything else (another tag or expression, whitespace control, a tag
 * over several lines, an unknown name) is left to Jinjava, which also reports every problem.
 */
final class PlainTemplates {
    private static final String ARG = "(?:'([^'\\\\\\n\\r{}%#]*)'|\"([^\"\\\\\\n\\r{}%#]*)\")";
    private static final Pattern CALL = Pattern.compile("\\{\\{[ \\t]*(ref|source)\\([ \\t]*" + ARG
            + "(?:[ \\t]*,[ \\t]*" + ARG + ")?[ \\t]*\\)[ \\t]*}}");

    /** One {@code ref()} or {@code source()} tag: where it is and its arguments. */
    record Call(int start, int end, String function, int line, int column, List<String> args) {
    }

    private PlainTemplates() {
    }

    /** The template's tags in order when each is a plain ref()/source() call and it has no other Jinja; else empty. */
    static Optional<List<Call>> calls(String template) {
        if (template.indexOf('\r') >= 0 || template.contains("adapter.dispatch")) return Optional.empty();
        List<Call> calls = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int pos = 0;
        while (true) {
            int open = template.indexOf("{{", pos);
            String text = template.substring(pos, open < 0 ? template.length() : open);
            if (text.contains("{%") || text.contains("{#") || text.contains("}}") || text.contains("%}")
                    || text.contains("#}")) {
                return Optional.empty();
            }
            for (int i = pos; i < (open < 0 ? template.length() : open); i++) {
                if (template.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            if (open < 0) return Optional.of(calls);
            int end = TemplateMarkers.tagEnd(template, open);
            Matcher m = CALL.matcher(template).region(open, end);
            if (!m.matches()) return Optional.empty();
            List<String> args = new ArrayList<>();
            args.add(m.group(2) != null ? m.group(2) : m.group(3));
            if (m.start(4) >= 0 || m.start(5) >= 0) args.add(m.group(4) != null ? m.group(4) : m.group(5));
            String function = m.group(1);
            if (args.size() != (function.equals("ref") ? 1 : 2)) return Optional.empty();
            calls.add(new Call(open, end, function, line, m.start(1) - lineStart + 1, List.copyOf(args)));
            pos = end;
        }
    }

    /**
     * Renders {@code req} without the interpreter, or returns null when Jinjava has to (not a plain template, or a
     * name that does not resolve: the interpreter reports it with its usual diagnostics).
     */
    static RenderedSql render(RenderRequest req, List<Call> calls, RelationResolver resolver) {
        Set<String> refs = new LinkedHashSet<>();
        Set<SourceRef> sources = new LinkedHashSet<>();
        Map<String, SourcePosition> refPositions = new LinkedHashMap<>();
        List<String> values = new ArrayList<>(calls.size());
        for (Call c : calls) {
            Optional<RelationName> r;
            if (c.function().equals("ref")) {
                String name = c.args().get(0);
                refs.add(name);
                refPositions.putIfAbsent(name, new SourcePosition(req.file(), c.line(), c.column()));
                r = resolver.ref(name);
            } else {
                sources.add(new SourceRef(c.args().get(0), c.args().get(1)));
                r = resolver.source(c.args().get(0), c.args().get(1));
            }
            if (r.isEmpty()) return null;
            values.add(JinjaFunctions.quote(r.get()));
        }
        TemplateMarkers markers = new TemplateMarkers(req.template(), "");
        String marked = markers.marked();
        // markers sit between tags, never inside one: the tags are found again in the marked text, in order
        StringBuilder out = new StringBuilder(marked.length() + 32 * calls.size());
        int pos = 0;
        for (String value : values) {
            int open = marked.indexOf("{{", pos);
            out.append(marked, pos, open).append(value);
            pos = TemplateMarkers.tagEnd(marked, open);
        }
        out.append(marked, pos, marked.length());
        TemplateMarkers.Stripped stripped = markers.strip(out.toString(), req.file());
        return new RenderedSql(req.file(), stripped.sql(), new ArrayList<>(refs), new ArrayList<>(sources), Map.of(),
                stripped.lineMap(), RenderInputs.NONE, refPositions);
    }
}
