package io.webfon.sercen.config;

import io.webfon.sercen.net.IpAddresses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed access to the settings, validating each against its key's kind and bounds. A bad value is recorded as a
 * problem (naming origin, key, value and rule; a secret's value is never shown) and its default used, so that
 * every problem is found in one run.
 */
final class Values {
    private final Map<String, SercenConfigLoader.Setting> settings;
    private final List<ConfigProblem> problems;

    Values(Map<String, SercenConfigLoader.Setting> settings, List<ConfigProblem> problems) {
        this.settings = settings;
        this.problems = problems;
    }

    private SercenConfigLoader.Setting raw(String id) {
        SercenConfigLoader.Setting s = settings.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no such key in the schema: " + id);
        }
        return s;
    }

    private static Key key(String id) {
        return SercenSchema.find(id).orElseThrow();
    }

    void problem(String id, String rule) {
        SercenConfigLoader.Setting s = raw(id);
        String value = s.list() != null ? String.join(",", s.list()) : s.text();
        problems.add(new ConfigProblem(s.origin(), id, key(id).kind() == Kind.SECRET ? "(secret)" : value, rule));
    }

    String string(String id) {
        SercenConfigLoader.Setting s = raw(id);
        if (s.list() != null) {
            problem(id, "must be a single value, not a list");
            return key(id).defaultValue();
        }
        return s.text().trim();
    }

    long integer(String id) {
        Key k = key(id);
        String text = string(id);
        try {
            long v = Long.parseLong(text);
            if (v >= k.min() && v <= k.max()) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(id, "must be an integer from " + k.min() + " to " + k.max());
        return Long.parseLong(k.defaultValue());
    }

    int intValue(String id) {
        return (int) integer(id);
    }

    boolean bool(String id) {
        Boolean b = parseBool(string(id));
        if (b == null) {
            problem(id, "must be true or false");
            return Boolean.parseBoolean(key(id).defaultValue());
        }
        return b;
    }

    /** {@code true/yes/1/on} or {@code false/no/0/off}, else {@code null}. */
    static Boolean parseBool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> Boolean.TRUE;
            case "false", "no", "0", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    String choice(String id) {
        Key k = key(id);
        String text = string(id).toLowerCase(Locale.ROOT);
        if (!k.choices().contains(text)) {
            problem(id, "must be one of " + String.join(", ", k.choices()));
            return k.defaultValue();
        }
        return text;
    }

    List<String> list(String id) {
        return Collections.unmodifiableList(items(raw(id)));
    }

    static List<String> items(SercenConfigLoader.Setting s) {
        List<String> items = new ArrayList<>();
        if (s.list() != null) {
            s.list().stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(items::add);
        } else {
            for (String part : s.text().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return items;
    }

    /** An address to bind to: an IP literal or {@code localhost}; never resolved through DNS. */
    String host(String id) {
        String text = string(id);
        if (text.equals("localhost") || IpAddresses.isLiteral(text)) {
            return text;
        }
        problem(id, "must be an IP address or localhost");
        return key(id).defaultValue();
    }
}
