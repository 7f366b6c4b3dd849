package io.webfon.gateway.config;

import java.util.Map;

/**
 * Documentation generated from the schema: the key list of {@code --help} and the commented sample
 * {@code gateway.jcfg} shipped in deploy/ (a test keeps the shipped file equal to {@link #sampleFile()}).
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /** One line per key: {@code --section.key=<kind> (default) description}. */
    public static String keyHelp() {
        StringBuilder sb = new StringBuilder();
        for (Key k : Schema.KEYS) {
            String def = k.kind() == Kind.SECRET ? "empty" : k.defaultValue().isEmpty() ? "empty" : k.defaultValue();
            sb.append(String.format("  --%-36s %s (default %s)%n", k.id() + "=" + placeholder(k), k.description(),
                    def));
        }
        return sb.toString();
    }

    private static String placeholder(Key k) {
        return switch (k.kind()) {
            case INT, PORT -> "N";
            case BOOL -> "BOOL";
            case LIST -> "LIST";
            case HOST -> "ADDR";
            case PATH -> "PATH";
            default -> "TEXT";
        };
    }

    /** The commented sample of {@code gateway.jcfg}, every key at its default. */
    public static String sampleFile() {
        StringBuilder sb = new StringBuilder();
        sb.append("# gateway.jcfg: configuration of the Webfon gateway node (libconfig/jcfg syntax, as Janus's).\n");
        sb.append("# Every key is shown at its default. Override any key with --section.key=value on the command\n");
        sb.append("# line or with the environment variable WEBFON_SECTION_KEY. Check a file with:\n");
        sb.append("#   webfon-gateway check-config --config-dir /etc/webfon\n");
        String section = null;
        for (Key k : Schema.KEYS) {
            if (!k.section().equals(section)) {
                if (section != null) {
                    sb.append("}\n");
                }
                section = k.section();
                sb.append('\n').append(section).append(": {\n");
            }
            sb.append("\t# ").append(k.description()).append('\n');
            sb.append('\t').append(k.name()).append(" = ").append(literal(k)).append('\n');
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String literal(Key k) {
        return switch (k.kind()) {
            case INT, PORT, BOOL -> k.defaultValue();
            case LIST -> {
                StringBuilder sb = new StringBuilder("[");
                // An empty default is an empty list ([]), not a list of one empty string.
                String[] items = k.defaultValue().isBlank() ? new String[0] : k.defaultValue().split(",");
                for (int i = 0; i < items.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append('"').append(items[i].trim()).append('"');
                }
                yield sb.append(']').toString();
            }
            default -> '"' + k.defaultValue() + '"';
        };
    }

    /** The aliases of legacy Janus/webfon files, {@code file:section.key -> section.key}. */
    public static Map<String, String> aliases() {
        return Migration.all();
    }
}
