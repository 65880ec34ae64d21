package io.segflow.core.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import io.segflow.core.project.ContentHash;
import io.segflow.core.project.MacroFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves macro files to Jinjava ({@code {% import %}}, {@code {% from %}}) and lists their macros so every
 * macro can also be called directly. Three kinds of files: the project's own (bare names), local packages' and
 * the bundled libraries ({@code dbt.*}, {@code dbt_utils.*}), whose macros are imported under mangled names that
 * a {@link MacroNamespace} resolves, so {@code dbt_utils.star(...)} works as in dbt. {@code {% test x(...) %}}
 * blocks become macros named {@code test_x}, as dbt defines generic tests. Each macro body is instrumented with
 * calls that track which macro file is executing, so errors raised inside a macro point at the macro file. The
 * calls add no newlines and no output, and respect the body's whitespace trimming.
 */
final class MacroSources implements ResourceLocator {
    private static final Pattern MACRO = Pattern.compile("\\{%-?\\s*macro\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ENDMACRO = Pattern.compile("\\{%-?\\s*endmacro\\b");
    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\b");
    private static final Pattern TEST = Pattern.compile("\\{%(-?)(\\s*)test\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ENDTEST = Pattern.compile("\\{%(-?)(\\s*)endtest\\b");
    /** {@code adapter.dispatch(...)(args)}: Jinjava cannot call a call's result, so the second call goes through sf_call. */
    private static final Pattern DISPATCH_CALL = Pattern.compile("adapter\\.dispatch\\(([^()]*)\\)\\s*\\((\\s*\\))?");

    private final Path root;
    private final Map<String, String> instrumented = new LinkedHashMap<>();
    private final Map<String, List<String>> macroNames = new LinkedHashMap<>();
    /** Namespace of each file (null: the project's own macros). */
    private final Map<String, String> namespaceOf = new LinkedHashMap<>();
    private final Map<String, Pattern> mentions = new LinkedHashMap<>();
    /** Namespaces the project's own macros mention (needed by every render). */
    private final Set<String> alwaysNeeded = new LinkedHashSet<>();
    /** Words of each namespace's pattern: a text holding none of them cannot match it (a regex costs more). */
    private final Map<String, List<String>> mentionWords = new LinkedHashMap<>();
    /** Files whose import only defines macros (see {@link #definesOnly}). */
    private final Set<String> definitionsOnly = new java.util.HashSet<>();
    private volatile String contentKey;

    /** SHA-256 over every macro file's text (bundled ones included), in load order: what an import can run. */
    String contentKey() {
        String key = contentKey;
        if (key == null) {
            StringBuilder sb = new StringBuilder();
            instrumented.forEach((file, text) -> sb.append(file).append('\0').append(text).append('\0'));
            contentKey = key = ContentHash.sha256(sb.toString());
        }
        return key;
    }

    /** The last sources built: a compile makes several renderers, and each new one would read every file again. */
    private static volatile MacroSources last;
    private final List<MacroFile> sourceFiles;

    /** Sources for these macro files, shared while they are the same (they are read-only once built). */
    static MacroSources of(Path root, List<MacroFile> macros) {
        MacroSources known = last;
        if (known != null && known.root.equals(root) && known.sourceFiles.equals(macros)) return known;
        MacroSources built = new MacroSources(root, macros);
        last = built;
        return built;
    }

    private MacroSources(Path root, List<MacroFile> macros) {
        this.root = root;
        this.sourceFiles = List.copyOf(macros);
        // bundled first: a vendored package of the same name (a local dbt_utils) is imported later and wins
        List<MacroFile> all = new ArrayList<>(BundledMacros.files());
        all.addAll(macros);
        for (MacroFile m : all) {
            String key = key(m.path());
            String text = normalize(m.text());
            instrumented.put(key, instrument(key, text));
            List<String> names = new ArrayList<>();
            Matcher matcher = MACRO.matcher(text);
            while (matcher.find()) names.add(matcher.group(1));
            macroNames.put(key, names);
            if (definesOnly(text, names)) definitionsOnly.add(key);
            namespaceOf.put(key, m.namespace());
            if (m.namespace() != null) {
                StringBuilder words = new StringBuilder(Pattern.quote(m.namespace()));
                List<String> plainWords = mentionWords.computeIfAbsent(m.namespace(), k -> new ArrayList<>());
                plainWords.add(m.namespace());
                for (String n : names) {
                    if (key.startsWith(BundledMacros.KEY_PREFIX) && BundledMacros.GLOBAL.contains(n)) {
                        words.append('|').append(n);
                        plainWords.add(n);
                    }
                }
                Pattern p = mentions.get(m.namespace());
                String alt = p == null ? words.toString() : p.pattern().substring(5, p.pattern().length() - 3) + "|" + words;
                mentions.put(m.namespace(), Pattern.compile("\\b(?:" + alt + ")\\b"));
            }
        }
        for (MacroFile m : macros) {
            if (m.namespace() == null) alwaysNeeded.addAll(mentioned(m.text()));
        }
    }

    /**
     * Tags importing the project's macros, and the namespaced libraries {@code template} (or a macro it may call)
     * mentions, into a template, on one line (no newline).
     */
    String importPrefix(String template) {
        StringBuilder sb = new StringBuilder();
        for (String file : importedFiles(template)) {
            List<String> names = macroNames.get(file);
            String ns = namespaceOf.get(file);
            sb.append("{% from '").append(file).append("' import ");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(names.get(i));
                if (ns != null) sb.append(" as ").append(MacroNamespace.mangled(ns, names.get(i)));
                if (ns != null && file.startsWith(BundledMacros.KEY_PREFIX) && BundledMacros.GLOBAL.contains(names.get(i))) {
                    sb.append(", ").append(names.get(i));
                }
            }
            sb.append(" %}");
        }
        return sb.toString();
    }

    /**
     * Whether importing the files {@link #importPrefix} imports for {@code template} does nothing but define macros
     * (no output, no function call, no macro named ref or source); only a render can still find syntax errors.
     */
    boolean importsOnlyDefine(String template) {
        return definitionsOnly.containsAll(importedFiles(template));
    }

    /** The files {@link #importPrefix} imports, in order. */
    private List<String> importedFiles(String template) {
        Set<String> needed = new LinkedHashSet<>(alwaysNeeded);
        needed.addAll(mentioned(template));
        // a library's macros may call other libraries (dbt_utils calls dbt.*)
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, String> e : namespaceOf.entrySet()) {
                if (e.getValue() != null && needed.contains(e.getValue())) {
                    grew |= needed.addAll(mentioned(instrumented.get(e.getKey())));
                }
            }
        }
        List<String> files = new ArrayList<>();
        macroNames.forEach((file, names) -> {
            String ns = namespaceOf.get(file);
            if (!names.isEmpty() && (ns == null || needed.contains(ns))) files.add(file);
        });
        return files;
    }

    private Set<String> mentioned(String text) {
        Set<String> out = new LinkedHashSet<>();
        mentions.forEach((ns, p) -> {
            if (mentionWords.get(ns).stream().anyMatch(text::contains) && p.matcher(text).find()) out.add(ns);
        });
        return out;
    }

    /**
     * Whether importing {@code text} only defines macros: outside macro blocks there are comments and whitespace
     * alone, no macro signature calls a function (defaults are evaluated when the macro is defined), no macro is
     * named ref or source (it would replace the function) and there is no raw block (its text is not scanned).
     */
    private static boolean definesOnly(String text, List<String> names) {
        if (names.contains("ref") || names.contains("source") || RAW.matcher(text).find()) return false;
        int depth = 0;
        int pos = 0;
        int tag;
        while ((tag = TemplateMarkers.nextTag(text, pos)) >= 0) {
            if (depth == 0 && !text.substring(pos, tag).isBlank()) return false;
            int end = TemplateMarkers.tagEnd(text, tag);
            String t = text.substring(tag, end);
            Matcher macro = MACRO.matcher(t);
            if (macro.lookingAt()) {
                if (t.indexOf('(', macro.end()) >= 0) return false;
                depth++;
            } else if (ENDMACRO.matcher(t).lookingAt()) {
                if (--depth < 0) return false;
            } else if (depth == 0 && t.charAt(1) != '#') {
                return false;
            }
            pos = end;
        }
        return depth == 0 && text.substring(pos).isBlank();
    }

    /** Bare macro names and {@code namespace.macro} names, for "did you mean" hints. */
    List<String> allMacroNames() {
        List<String> out = new ArrayList<>();
        macroNames.forEach((file, names) -> {
            String ns = namespaceOf.get(file);
            names.forEach(n -> out.add(ns == null ? n : ns + "." + n));
        });
        return out;
    }

    /** Namespaces of packages and bundled libraries. */
    Set<String> namespaces() {
        return mentions.keySet();
    }

    /**
     * Generic tests by the name YAML uses ({@code my_test}, {@code dbt_utils.accepted_range}) mapped to the
     * macro a template calls ({@code test_my_test}, {@code dbt_utils.test_accepted_range}).
     */
    Map<String, String> genericTests() {
        Map<String, String> out = new LinkedHashMap<>();
        macroNames.forEach((file, names) -> {
            String ns = namespaceOf.get(file);
            for (String n : names) {
                if (!n.startsWith("test_")) continue;
                String kind = n.substring("test_".length());
                out.putIfAbsent(ns == null ? kind : ns + "." + kind, ns == null ? n : ns + "." + n);
            }
        });
        return out;
    }

    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
        String key = key(Path.of(fullName));
        String text = instrumented.get(key);
        if (text != null) return text;
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            throw new IOException("no template '" + fullName + "' under the project (macros are under macros/)");
        }
        return instrument(key, normalize(Files.readString(file, encoding)));
    }

    private static String key(Path p) {
        return p.normalize().toString().replace('\\', '/');
    }

    /** {@code {% test x(...) %}...{% endtest %}} as the macro {@code test_x}; dispatch calls made callable. */
    static String normalize(String text) {
        String t = TEST.matcher(text).replaceAll("{%$1$2macro test_$3(");
        t = ENDTEST.matcher(t).replaceAll("{%$1$2endmacro");
        return rewriteDispatch(t);
    }

    /** Same length per line is not kept: only calls of a dispatch result are rewritten, which are rare in features. */
    static String rewriteDispatch(String text) {
        if (!text.contains("adapter.dispatch")) return text;
        Matcher m = DISPATCH_CALL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String call = "sf_call(adapter.dispatch(" + m.group(1) + ")" + (m.group(2) != null ? ")" : ", ");
            m.appendReplacement(sb, Matcher.quoteReplacement(call));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String instrument(String file, String text) {
        StringBuilder out = new StringBuilder(text.length() + 128);
        String quoted = "'" + file.replace("\\", "\\\\").replace("'", "\\'") + "'";
        int pos = 0;
        int tag;
        while ((tag = TemplateMarkers.nextTag(text, pos)) >= 0) {
            int end = TemplateMarkers.tagEnd(text, tag);
            String t = text.substring(tag, end);
            out.append(text, pos, tag);
            if (ENDMACRO.matcher(t).lookingAt()) {
                out.append(t.startsWith("{%-") ? "{%- do sf_exit_macro() %}" : "{% do sf_exit_macro() %}").append(t);
            } else if (MACRO.matcher(t).lookingAt()) {
                boolean rightTrim = t.endsWith("-%}");
                out.append(t).append("{% do sf_enter_macro(" + quoted + ")" + (rightTrim ? " -%}" : " %}"));
            } else {
                out.append(t);
            }
            pos = end;
        }
        out.append(text.substring(pos));
        return out.toString();
    }
}
