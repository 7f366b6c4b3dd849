package io.webfon.sercen.config;

import com.typesafe.config.ConfigException.Parse;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.webfon.sercen.net.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Reads sercen's configuration: embedded defaults, then an existing deployment's {@code serCen.conf} (only its
 * documented keys; the rest are warnings), then {@code sercen.jcfg} (libconfig/jcfg syntax, read with Typesafe
 * Config), then {@code SERCEN_SECTION_KEY} environment variables, then {@code section.key=value} options; each
 * source overrides the previous ones. Every problem is collected and reported together, naming file, line, key
 * and rule; secrets are never printed back.
 */
public final class SercenConfigLoader {
    /** Prefix of the environment variables that override keys: {@code SERCEN_TOKENS_LIFETIME=600}. */
    public static final String ENV_PREFIX = "SERCEN_";

    /** A value as read, before validation: text or a list, and where it came from. */
    record Setting(String text, List<String> list, String origin) {
    }

    /** The result: the configuration, warnings worth logging, and the files that were read. */
    public record Loaded(SercenConfig config, List<String> warnings, List<Path> files) {
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    private SercenConfigLoader() {
    }

    /**
     * @param configDir the configuration directory (its {@code serCen.conf} and {@code sercen.jcfg} are read when
     *     present), or {@code null}
     * @param file a configuration file to read instead of {@code configDir/sercen.jcfg} (must exist), or
     *     {@code null}
     * @param options {@code section.key -> value}, e.g. from the command line
     * @param environment the process environment ({@code SERCEN_<known section>_...} variables count, and
     *     {@code STATE_DIRECTORY} and {@code HOME} for the default data directory)
     */
    public static Loaded load(Path configDir, Path file, Map<String, String> options, Map<String, String> environment)
            throws ConfigException {
        return load(configDir, file, Map.of(), options, environment);
    }

    /**
     * Like {@link #load(Path, Path, Map, Map)}, with defaults of the embedding node that replace the embedded ones
     * (e.g. {@code general.data_dir} following the node's state directory); every source still overrides them.
     */
    public static Loaded load(Path configDir, Path file, Map<String, String> defaults, Map<String, String> options,
            Map<String, String> environment) throws ConfigException {
        SercenConfigLoader loader = new SercenConfigLoader();
        for (Key k : SercenSchema.KEYS) {
            loader.settings.put(k.id(), new Setting(k.defaultValue(), null, "default"));
        }
        defaults.forEach((k, v) -> {
            if (SercenSchema.find(k).isEmpty()) {
                throw new IllegalArgumentException("no such sercen key: " + k);
            }
            loader.settings.put(k, new Setting(v, null, "node default"));
        });
        loader.readSources(configDir, file);
        loader.readEnvironment(environment);
        loader.readOptions(options);
        SercenConfig config = SercenConfig.from(new Values(loader.settings, loader.problems), environment);
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(loader.problems);
        }
        return new Loaded(config, List.copyOf(loader.warnings), List.copyOf(loader.files));
    }

    /** The embedded defaults alone (tests and tools); the data directory follows {@code environment}. */
    public static SercenConfig defaults(Map<String, String> options) throws ConfigException {
        return load(null, null, options, Map.of()).config();
    }

    private void readSources(Path configDir, Path file) {
        if (configDir != null && !Files.isDirectory(configDir)) {
            problems.add(new ConfigProblem("--config-dir", configDir.toString(), null, "is not a readable directory"));
            return;
        }
        if (configDir != null && Files.isRegularFile(configDir.resolve(SercenSchema.LEGACY_FILE))) {
            readFile(configDir.resolve(SercenSchema.LEGACY_FILE), true);
        }
        if (file != null) {
            if (Files.isRegularFile(file)) {
                readFile(file, false);
            } else {
                problems.add(new ConfigProblem(file.toString(), "(file)", null, "does not exist or is not a file"));
            }
        } else if (configDir != null && Files.isRegularFile(configDir.resolve(SercenSchema.MAIN_FILE))) {
            readFile(configDir.resolve(SercenSchema.MAIN_FILE), false);
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
            problems.add(new ConfigProblem(name + (line > 0 ? ":" + line : ""), "(syntax)", null, clean(e.getMessage())));
            return;
        } catch (com.typesafe.config.ConfigException e) {
            problems.add(new ConfigProblem(name, "(file)", null, clean(e.getMessage())));
            return;
        }
        files.add(file);
        Map<Integer, String[]> pairs = new TreeMap<>();
        if (legacy) {
            readLegacy(name, root, "", pairs);
        } else {
            readMain(name, root, pairs);
        }
        addTrustedNetworks(name, pairs);
    }

    private void readMain(String file, ConfigObject root, Map<Integer, String[]> pairs) {
        for (Map.Entry<String, ConfigValue> section : root.entrySet()) {
            if (section.getValue().valueType() != ConfigValueType.OBJECT) {
                problems.add(new ConfigProblem(origin(file, section.getValue()), section.getKey(), null,
                        "is not inside a section (section: { key = value })"));
                continue;
            }
            for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) section.getValue()).entrySet()) {
                String id = section.getKey() + "." + entry.getKey();
                if (SercenSchema.find(id).isPresent()) {
                    set(id, entry.getValue(), origin(file, entry.getValue()));
                } else if (LegacyAliases.isLegacy(entry.getKey())) {
                    applyLegacy(file, entry.getKey(), entry.getValue(), pairs);
                } else {
                    problems.add(new ConfigProblem(origin(file, entry.getValue()), id, null,
                            "is not a known key" + Suggestions.forKey(id)));
                }
            }
        }
    }

    /** serCen.conf: any nesting; only the documented names count, the rest are reported as ignored. */
    private void readLegacy(String file, ConfigObject object, String prefix, Map<Integer, String[]> pairs) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT) {
                readLegacy(file, (ConfigObject) value, prefix + entry.getKey() + ".", pairs);
            } else if (LegacyAliases.isLegacy(entry.getKey())) {
                applyLegacy(file, entry.getKey(), value, pairs);
            } else {
                warnings.add(new ConfigProblem(origin(file, value), prefix + entry.getKey(), null,
                        "is not used by sercen-auth; ignored").toString());
            }
        }
    }

    private void applyLegacy(String file, String name, ConfigValue value, Map<Integer, String[]> pairs) {
        String origin = origin(file, value) + " (" + name + ")";
        String canonical = LegacyAliases.canonical(name);
        if (canonical != null) {
            set(canonical, value, origin);
            return;
        }
        String text = value.valueType() == ConfigValueType.NULL ? "" : String.valueOf(value.unwrapped()).trim();
        if (name.equalsIgnoreCase(LegacyAliases.SMTPS_USA)) {
            Boolean on = Values.parseBool(text);
            if (on == null) {
                problems.add(new ConfigProblem(origin, "smtp.security", text, "smtps_usa must be true or false"));
            } else {
                settings.put("smtp.security", new Setting(on ? "smtps" : "none", null, origin));
            }
            return;
        }
        Matcher m = LegacyAliases.f1factor(name);
        if (m.matches()) {
            String[] pair = pairs.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new String[3]);
            pair[m.group(2).equals("ip") ? 0 : 1] = text;
            pair[2] = origin(file, value);
        }
    }

    /** Turns the f1factor pairs of one file into CIDR blocks added to two_factor.trusted_networks. */
    private void addTrustedNetworks(String file, Map<Integer, String[]> pairs) {
        List<String> blocks = new ArrayList<>();
        for (Map.Entry<Integer, String[]> e : pairs.entrySet()) {
            String[] pair = e.getValue();
            if (pair[0] == null || pair[0].isEmpty()) {
                continue;
            }
            String mask = pair[1] == null || pair[1].isEmpty() ? "255.255.255.255" : pair[1];
            try {
                blocks.add(Cidr.fromAddressAndMask(pair[0], mask).toString());
            } catch (IllegalArgumentException ex) {
                problems.add(new ConfigProblem(pair[2], String.format("f1factor_%02d_ip/_msk", e.getKey()),
                        pair[0] + "/" + mask, ex.getMessage()));
            }
        }
        if (blocks.isEmpty()) {
            return;
        }
        Setting current = settings.get("two_factor.trusted_networks");
        List<String> merged = new ArrayList<>(Values.items(current));
        merged.addAll(blocks);
        settings.put("two_factor.trusted_networks", new Setting(null, merged, file + " (f1factor_NN_ip/_msk)"));
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
            String id = null;
            for (Key k : SercenSchema.KEYS) {
                if (rest.startsWith(k.section() + "_")) {
                    id = k.section() + "." + rest.substring(k.section().length() + 1);
                    break;
                }
            }
            if (id == null) {
                continue;
            }
            String origin = "environment variable " + var;
            if (SercenSchema.find(id).isEmpty()) {
                problems.add(new ConfigProblem(origin, id, null, "is not a known key" + Suggestions.forKey(id)));
            } else {
                settings.put(id, new Setting(e.getValue(), null, origin));
            }
        }
    }

    private void readOptions(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            String origin = "option --" + e.getKey();
            if (SercenSchema.find(e.getKey()).isEmpty()) {
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
        String m = idx > 0 && message.substring(0, idx).contains("/") ? message.substring(idx + 2) : message;
        return m.replace('\n', ' ');
    }
}
