package io.webfon.bench.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value}, {@code --key=value} and bare {@code --flag} options, every one checked against a list: the
 * command line of the benchmark tools (signalling, media).
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    public Args(String[] args, int from, Set<String> valueKeys, Set<String> flagKeys) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (flagKeys.contains(key) && value == null) {
                flags.add(key);
            } else if (valueKeys.contains(key)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + key + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(key, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    public int intValue(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    public double doubleValue(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    public boolean flag(String key) {
        return flags.contains(key);
    }
}
