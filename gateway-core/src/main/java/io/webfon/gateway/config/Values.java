package io.webfon.gateway.config;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed access to the settings, validating each against its key's kind and bounds. A bad value is recorded as a
 * problem (naming origin, key, value and rule) and its default used, so that every problem is found in one run.
 */
final class Values {
    private final Map<String, ConfigLoader.Setting> settings;
    private final List<ConfigProblem> problems;

    Values(Map<String, ConfigLoader.Setting> settings, List<ConfigProblem> problems) {
        this.settings = settings;
        this.problems = problems;
    }

    private ConfigLoader.Setting raw(String id) {
        ConfigLoader.Setting s = settings.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no such key in the schema: " + id);
        }
        return s;
    }

    private Key key(String id) {
        return Schema.find(id).orElseThrow();
    }

    private String display(Key key, String text) {
        return key.kind() == Kind.SECRET ? "(secret)" : text;
    }

    void problem(String id, String rule) {
        ConfigLoader.Setting s = raw(id);
        String value = s.list() != null ? String.join(",", s.list()) : s.text();
        problems.add(new ConfigProblem(s.origin(), id, display(key(id), value), rule));
    }

    String origin(String id) {
        return raw(id).origin();
    }

    String string(String id) {
        ConfigLoader.Setting s = raw(id);
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
            if (v < k.min() || v > k.max()) {
                problem(id, "must be an integer from " + k.min() + " to " + k.max());
                return Long.parseLong(k.defaultValue());
            }
            return v;
        } catch (NumberFormatException e) {
            problem(id, "must be an integer from " + k.min() + " to " + k.max());
            return Long.parseLong(k.defaultValue());
        }
    }

    int port(String id) {
        return (int) integer(id);
    }

    boolean bool(String id) {
        String text = string(id).toLowerCase(Locale.ROOT);
        switch (text) {
            case "true", "yes", "1", "on" -> {
                return true;
            }
            case "false", "no", "0", "off" -> {
                return false;
            }
            default -> {
                problem(id, "must be true or false");
                return Boolean.parseBoolean(key(id).defaultValue());
            }
        }
    }

    List<String> list(String id) {
        ConfigLoader.Setting s = raw(id);
        List<String> items = new ArrayList<>();
        if (s.list() != null) {
            s.list().forEach(v -> items.add(v.trim()));
        } else {
            for (String part : s.text().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * An address to bind to: an IP literal, {@code localhost}, or the name of a network interface, resolved to
     * its first IPv4 address (Janus's {@code interface} keys take names such as {@code eth0}). No DNS lookup.
     */
    String host(String id) {
        String text = string(id);
        if (text.equals("localhost") || NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text)) {
            return text;
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(text);
            if (nif != null) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // Falls through to the problem below.
        }
        problem(id, "must be an IP address, localhost, or the name of a network interface with an IPv4 address");
        return key(id).defaultValue();
    }

    static boolean isIpLiteral(String text) {
        return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text);
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        byte[] b = NetUtil.createByteArrayFromIpAddressString(host);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }
}
