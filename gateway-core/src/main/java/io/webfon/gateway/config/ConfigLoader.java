package io.webfon.gateway.config;

import com.typesafe.config.ConfigException.Parse;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the configuration: embedded defaults, then the legacy Janus/webfon files and {@code gateway.jcfg} of the
 * configuration directory (libconfig/jcfg syntax, read with Typesafe Config), then {@code WEBFON_SECTION_KEY}
 * environment variables, then {@code --section.key=value} options; each source overrides the previous ones.
 * All problems are collected and reported together, each naming file, line, key and rule.
 */
public final class ConfigLoader {
    /** Prefix of the environment variables that override keys: {@code WEBFON_GENERAL_SESSION_TIMEOUT=30}. */
    public static final String ENV_PREFIX = "WEBFON_";

    /** A value as read, before validation: text or a list, and where it came from. */
    record Setting(String text, List<String> list, String origin) {
    }

    /** The result: the configuration, warnings worth logging, and the files that were read. */
    public record Loaded(GatewayConfig config, List<String> warnings, List<Path> files) {
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    private ConfigLoader() {
    }

    /**
     * @param configDir the configuration directory, or {@code null} for embedded defaults only
     * @param options {@code section.key -> value} from the command line
     * @param environment the process environment (only {@code WEBFON_<known section>_...} variables count)
     */
    public static Loaded load(Path configDir, Map<String, String> options, Map<String, String> environment)
            throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        for (Key k : Schema.KEYS) {
            loader.settings.put(k.id(), new Setting(k.defaultValue(), null, "default"));
        }
        if (configDir != null) {
            loader.readDirectory(configDir);
        }
        loader.readEnvironment(environment);
        loader.readOptions(options);
        // Validation runs even after earlier problems (bad values fall back to defaults), so one run reports all.
        GatewayConfig config = GatewayConfig.from(new Values(loader.settings, loader.problems), loader.problems,
                configDir);
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(loader.problems);
        }
        return new Loaded(config, List.copyOf(loader.warnings), List.copyOf(loader.files));
    }

    private void readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem("--config-dir", dir.toString(), null, "is not a readable directory"));
            return;
        }
        for (String name : Migration.FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                readFile(file, true);
            }
        }
        Path main = dir.resolve(Schema.MAIN_FILE);
        if (Files.isRegularFile(main)) {
            readFile(main, false);
        }
    }

    private void readFile(Path file, boolean legacy) {
        String name = file.getFileName().toString();
        ConfigObject root;
        try {
            root = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults()
                            .setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
                    .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)).root();
        } catch (Parse e) {
            int line = e.origin() == null ? -1 : e.origin().lineNumber();
            problems.add(new ConfigProblem(name + (line > 0 ? ":" + line : ""), "(syntax)", null,
                    clean(e.getMessage())));
            return;
        } catch (com.typesafe.config.ConfigException e) {
            problems.add(new ConfigProblem(name, "(file)", null, clean(e.getMessage())));
            return;
        }
        files.add(file);
        for (Map.Entry<String, ConfigValue> section : root.entrySet()) {
            if (section.getValue().valueType() != ConfigValueType.OBJECT) {
                report(legacy, name, section.getValue(), section.getKey(), "is not inside a section (section: { key = value })");
                continue;
            }
            for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) section.getValue()).entrySet()) {
                String id = section.getKey() + "." + entry.getKey();
                String canonical = legacy ? Migration.canonical(name, id) : Schema.find(id).map(Key::id).orElse(null);
                if (canonical == null) {
                    report(legacy, name, entry.getValue(), id, legacy ? "is not used by this node; ignored"
                            : "is not a known key" + Suggestions.forKey(id));
                    continue;
                }
                set(canonical, entry.getValue(), origin(name, entry.getValue()));
            }
        }
    }

    private void report(boolean legacy, String file, ConfigValue value, String id, String rule) {
        ConfigProblem p = new ConfigProblem(origin(file, value), id, null, rule);
        if (legacy) {
            warnings.add(p.toString());
        } else {
            problems.add(p);
        }
    }

    private void set(String id, ConfigValue value, String origin) {
        switch (value.valueType()) {
            case OBJECT -> problems.add(new ConfigProblem(origin, id, null, "is a section; a value is expected"));
            case LIST -> {
                List<String> items = new ArrayList<>();
                for (ConfigValue v : (ConfigList) value) {
                    items.add(String.valueOf(v.unwrapped()));
                }
                settings.put(id, new Setting(null, items, origin));
            }
            case NULL -> settings.put(id, new Setting("", null, origin));
            default -> settings.put(id, new Setting(String.valueOf(value.unwrapped()), null, origin));
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String var = e.getKey();
            if (!var.startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = var.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
            int sep = rest.indexOf('_');
            if (sep <= 0 || Schema.KEYS.stream().noneMatch(k -> k.section().equals(rest.substring(0, sep)))) {
                continue;
            }
            String id = rest.substring(0, sep) + "." + rest.substring(sep + 1);
            String origin = "environment variable " + var;
            if (Schema.find(id).isEmpty()) {
                problems.add(new ConfigProblem(origin, id, null, "is not a known key" + Suggestions.forKey(id)));
            } else {
                settings.put(id, new Setting(e.getValue(), null, origin));
            }
        }
    }

    private void readOptions(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            String origin = "option --" + e.getKey();
            if (Schema.find(e.getKey()).isEmpty()) {
                problems.add(new ConfigProblem(origin, e.getKey(), null,
                        "is not a known key" + Suggestions.forKey(e.getKey())));
            } else {
                settings.put(e.getKey(), new Setting(e.getValue(), null, origin));
            }
        }
    }

    private static String origin(String file, ConfigValue value) {
        int line = value.origin() == null ? -1 : value.origin().lineNumber();
        return line > 0 ? file + ":" + line : file;
    }

    /** Typesafe Config prefixes messages with the file's URL; the problem already names the file. */
    private static String clean(String message) {
        int idx = message.indexOf(": ");
        String m = idx > 0 && message.startsWith(message.substring(0, idx)) && message.substring(0, idx).contains("/")
                ? message.substring(idx + 2) : message;
        return m.replace('\n', ' ');
    }
}
