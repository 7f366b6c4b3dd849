package io.webfon.sercen.testing;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.config.SercenConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sercen configurations for tests: every listener on 127.0.0.1 port 0, the data directory (H2 database, key
 * file) and the log in a temporary directory, cheap Argon2id parameters where the test is not about them, plus
 * the test's own {@code section.key=value} settings.
 */
public final class TestConfigs {
    public static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    private TestConfigs() {
    }

    public static Map<String, String> base(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("general.data_dir", dir.resolve("data").toString());
        m.put("general.log_to_stdout", "false");
        m.put("general.log_to_file", dir.resolve("sercen.log").toString());
        m.put("general.admin_secret", ADMIN_SECRET);
        m.put("rest.port", "0");
        m.put("status.port", "0");
        m.put("passwords.argon2_memory_kib", "4096");
        m.put("passwords.argon2_iterations", "1");
        return m;
    }

    /** The configuration for {@code dir} with these settings over the base ones. */
    public static SercenConfig config(Path dir, List<String> settings) throws Exception {
        Map<String, String> m = base(dir);
        for (String s : settings) {
            int eq = s.indexOf('=');
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return SercenConfigLoader.load(null, null, m, Map.of()).config();
    }

    /** The same settings as the text of a sercen.jcfg file (for the gateway and the standalone process). */
    public static String jcfg(Path dir, List<String> settings) {
        Map<String, String> m = base(dir);
        for (String s : settings) {
            int eq = s.indexOf('=');
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            int dot = k.indexOf('.');
            sections.computeIfAbsent(k.substring(0, dot), x -> new StringBuilder())
                    .append("\t").append(k.substring(dot + 1)).append(" = \"").append(v.replace("\\", "\\\\")
                            .replace("\"", "\\\"")).append("\"\n");
        });
        StringBuilder sb = new StringBuilder();
        sections.forEach((s, body) -> sb.append(s).append(": {\n").append(body).append("}\n"));
        return sb.toString();
    }
}
