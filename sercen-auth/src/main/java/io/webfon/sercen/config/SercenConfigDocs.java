package io.webfon.sercen.config;

/**
 * Documentation generated from the schema: the commented sample {@code sercen.jcfg} shipped in deploy/ and the
 * key tables of docs/sercen.md (tests keep both equal to what this class generates).
 */
public final class SercenConfigDocs {
    private SercenConfigDocs() {
    }

    /** The commented sample of {@code sercen.jcfg}, every key at its default. */
    public static String sampleFile() {
        StringBuilder sb = new StringBuilder();
        sb.append("# sercen.jcfg: configuration of sercen-auth, the node's login service (libconfig/jcfg syntax).\n");
        sb.append("# Every key is shown at its default. Override any key with the environment variable\n");
        sb.append("# SERCEN_SECTION_KEY (or --section.key=value for the standalone process). The original\n");
        sb.append("# serCen.conf names (smtp_host, pinExpira, tokenExpira, f1factor_00_ip, ...) are accepted too.\n");
        sb.append("# Check a file with:  webfon-gateway sercen check-config --config-dir /etc/webfon\n");
        String section = null;
        for (Key k : SercenSchema.KEYS) {
            if (!k.section().equals(section)) {
                if (section != null) {
                    sb.append("}\n");
                }
                section = k.section();
                sb.append('\n').append(section).append(": {\n");
            }
            sb.append("\t# ").append(k.description());
            if (!k.legacyNames().isEmpty()) {
                sb.append(" serCen.conf: ").append(String.join(", ", k.legacyNames())).append('.');
            }
            sb.append('\n').append('\t').append(k.name()).append(" = ").append(literal(k)).append('\n');
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String literal(Key k) {
        return switch (k.kind()) {
            case INT, PORT, BOOL -> k.defaultValue();
            case LIST -> {
                StringBuilder sb = new StringBuilder("[");
                String[] items = k.defaultValue().isBlank() ? new String[0] : k.defaultValue().split(",");
                for (int i = 0; i < items.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append('"').append(items[i].trim()).append('"');
                }
                yield sb.append(']').toString();
            }
            default -> '"' + k.defaultValue() + '"';
        };
    }

    /** The type column of the reference tables. */
    public static String type(Key k) {
        return switch (k.kind()) {
            case INT -> "integer " + k.min() + "-" + k.max();
            case CHOICE -> String.join(" \\| ", k.choices());
            default -> k.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** One markdown table per section: key, type, default, meaning (docs/sercen.md embeds them). */
    public static String markdownTables() {
        StringBuilder sb = new StringBuilder();
        String section = null;
        for (Key k : SercenSchema.KEYS) {
            if (!k.section().equals(section)) {
                section = k.section();
                sb.append("\n### `").append(section).append("`\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
            }
            String def = k.kind() == Kind.SECRET || k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
            String legacy = k.legacyNames().isEmpty() ? "" : " serCen.conf: `" + String.join("`, `", k.legacyNames())
                    + "`.";
            sb.append("| `").append(k.id()).append("` | ").append(type(k)).append(" | ").append(def).append(" | ")
                    .append(k.description()).append(legacy).append(" |\n");
        }
        return sb.toString();
    }
}
