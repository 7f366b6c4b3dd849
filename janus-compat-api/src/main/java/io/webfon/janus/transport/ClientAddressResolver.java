package io.webfon.janus.transport;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the address a request really came from. Behind the shipped Apache proxy every peer is 127.0.0.1, and
 * fail2ban would ban the proxy; so when the peer is a trusted proxy, the client is the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries that are not IP literals are
 * ignored: the result is always a literal address, safe to log. No DNS lookup is ever made.
 */
public final class ClientAddressResolver {
    private final List<Cidr> trusted;

    /** @param trustedProxies CIDR blocks or single addresses, e.g. {@code 127.0.0.1/32}, {@code ::1} */
    public ClientAddressResolver(List<String> trustedProxies) {
        List<Cidr> blocks = new ArrayList<>();
        for (String t : trustedProxies) {
            blocks.add(Cidr.parse(t));
        }
        this.trusted = List.copyOf(blocks);
    }

    public static ClientAddressResolver none() {
        return new ClientAddressResolver(List.of());
    }

    /**
     * @param peer the TCP peer's address (a literal)
     * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
     */
    public String resolve(String peer, String forwardedFor) {
        String client = normalise(peer);
        if (forwardedFor == null || !isTrusted(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normalise(hops[i].trim());
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String ip) {
        byte[] bytes = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The address as a clean literal (brackets and IPv4-mapped prefixes removed), or null if not a literal. */
    static String normalise(String ip) {
        if (ip == null) {
            return null;
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (s.regionMatches(true, 0, "::ffff:", 0, 7) && NetUtil.isValidIpV4Address(s.substring(7))) {
            s = s.substring(7);
        }
        if (NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s)) {
            return s;
        }
        return null;
    }

    /** An address block, IPv4 or IPv6. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
