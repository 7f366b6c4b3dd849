package io.webfon.sercen.config;

import java.util.List;

/**
 * One key of {@code sercen.jcfg}: where it lives ({@code section.name}), its type, default, bounds or choices, the
 * original serCen.conf names it also answers to, and the documentation shown in the sample file and docs.
 */
public record Key(String section, String name, Kind kind, String defaultValue, long min, long max,
        List<String> choices, List<String> legacyNames, String description) {

    public String id() {
        return section + "." + name;
    }

    /** The same key, also answering to these serCen.conf names (documented aliases). */
    Key alias(String... legacy) {
        return new Key(section, name, kind, defaultValue, min, max, choices, List.of(legacy), description);
    }

    static Key text(String section, String name, String def, String description) {
        return new Key(section, name, Kind.STRING, def, 0, 0, List.of(), List.of(), description);
    }

    static Key secret(String section, String name, String description) {
        return new Key(section, name, Kind.SECRET, "", 0, 0, List.of(), List.of(), description);
    }

    static Key integer(String section, String name, long def, long min, long max, String description) {
        return new Key(section, name, Kind.INT, Long.toString(def), min, max, List.of(), List.of(), description);
    }

    static Key port(String section, String name, int def, String description) {
        return new Key(section, name, Kind.PORT, Integer.toString(def), 0, 65535, List.of(), List.of(), description);
    }

    static Key bool(String section, String name, boolean def, String description) {
        return new Key(section, name, Kind.BOOL, Boolean.toString(def), 0, 0, List.of(), List.of(), description);
    }

    static Key list(String section, String name, String def, String description) {
        return new Key(section, name, Kind.LIST, def, 0, 0, List.of(), List.of(), description);
    }

    static Key host(String section, String name, String def, String description) {
        return new Key(section, name, Kind.HOST, def, 0, 0, List.of(), List.of(), description);
    }

    static Key path(String section, String name, String description) {
        return new Key(section, name, Kind.PATH, "", 0, 0, List.of(), List.of(), description);
    }

    static Key choice(String section, String name, String def, List<String> choices, String description) {
        return new Key(section, name, Kind.CHOICE, def, 0, 0, List.copyOf(choices), List.of(), description);
    }
}
