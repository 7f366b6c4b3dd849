package io.webfon.gateway.config;

/**
 * One configuration key: where it lives ({@code section.name} in {@code gateway.jcfg}), its type, default,
 * bounds and the documentation shown by {@code --help} and in the sample file.
 */
record Key(String section, String name, Kind kind, String defaultValue, long min, long max, String description) {

    String id() {
        return section + "." + name;
    }

    static Key text(String section, String name, String def, String description) {
        return new Key(section, name, Kind.STRING, def, 0, 0, description);
    }

    static Key secret(String section, String name, String description) {
        return new Key(section, name, Kind.SECRET, "", 0, 0, description);
    }

    static Key integer(String section, String name, long def, long min, long max, String description) {
        return new Key(section, name, Kind.INT, Long.toString(def), min, max, description);
    }

    static Key port(String section, String name, int def, String description) {
        return new Key(section, name, Kind.PORT, Integer.toString(def), 0, 65535, description);
    }

    static Key bool(String section, String name, boolean def, String description) {
        return new Key(section, name, Kind.BOOL, Boolean.toString(def), 0, 0, description);
    }

    static Key list(String section, String name, String def, String description) {
        return new Key(section, name, Kind.LIST, def, 0, 0, description);
    }

    static Key host(String section, String name, String def, String description) {
        return new Key(section, name, Kind.HOST, def, 0, 0, description);
    }

    static Key path(String section, String name, String description) {
        return new Key(section, name, Kind.PATH, "", 0, 0, description);
    }
}
