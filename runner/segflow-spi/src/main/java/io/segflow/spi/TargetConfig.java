package io.segflow.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * One named target from profiles.yml after Jinja ({@code env_var}) rendering.
 * {@code settings} holds the adapter-specific keys (path, account, project, ...).
 * {@code projectRoot} resolves relative paths.
 */
public record TargetConfig(String name, String type, Map<String, Object> settings, Path projectRoot) {
    public TargetConfig {
        settings = Map.copyOf(settings);
    }

    public String string(String key, String fallback) {
        Object v = settings.get(key);
        return v == null ? fallback : v.toString();
    }

    public int integer(String key, int fallback) {
        Object v = settings.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.intValue();
        return Integer.parseInt(v.toString().trim());
    }

    /** Settings whose names suggest secrets; never print these. */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token")
                || k.contains("private_key") || k.contains("passphrase") || k.equals("keyfile_json");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TargetConfig[name=" + name + ", type=" + type + ", settings={");
        settings.forEach((k, v) -> sb.append(k).append('=').append(isSecretKey(k) ? "****" : v).append(", "));
        return sb.append("}]").toString();
    }
}
