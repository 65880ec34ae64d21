package io.segflow.core.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import io.segflow.core.project.MacroFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves macros/ files to Jinjava ({@code {% import %}}, {@code {% from %}}) and lists their macros so every
 * macro can also be called directly. Each macro body is instrumented with calls that track which macro file
 * is executing, so errors raised inside a macro point at the macro file. The calls add no newlines and no
 * output, and respect the body's whitespace trimming.
 */
final class MacroSources implements ResourceLocator {
    private static final Pattern MACRO = Pattern.compile("\\{%-?\\s*macro\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ENDMACRO = Pattern.compile("\\{%-?\\s*endmacro\\b");

    private final Path root;
    private final Map<String, String> instrumented = new LinkedHashMap<>();
    private final Map<String, List<String>> macroNames = new LinkedHashMap<>();

    MacroSources(Path root, List<MacroFile> macros) {
        this.root = root;
        for (MacroFile m : macros) {
            String key = key(m.path());
            instrumented.put(key, instrument(key, m.text()));
            List<String> names = new ArrayList<>();
            Matcher matcher = MACRO.matcher(m.text());
            while (matcher.find()) names.add(matcher.group(1));
            macroNames.put(key, names);
        }
    }

    /** Tags importing every macro of every macros/ file into a template, on one line (no newline). */
    String importPrefix() {
        StringBuilder sb = new StringBuilder();
        macroNames.forEach((file, names) -> {
            if (!names.isEmpty()) {
                sb.append("{% from '").append(file).append("' import ").append(String.join(", ", names)).append(" %}");
            }
        });
        return sb.toString();
    }

    List<String> allMacroNames() {
        return macroNames.values().stream().flatMap(List::stream).toList();
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
        return instrument(key, Files.readString(file, encoding));
    }

    private static String key(Path p) {
        return p.normalize().toString().replace('\\', '/');
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
