package io.webfon.sercen.net;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network, {@code address/prefix}: trusted proxies, and the trusted networks that skip the second
 * factor (the original's {@code f1factor_NN_ip}/{@code _msk} pairs). Pure; addresses are literals only.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address ({@code /32} or {@code /128}). */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] b = IpAddresses.bytes(addr);
        if (b == null) {
            throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR block");
        }
        int bits = b.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' has no numeric prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + t + "' has a prefix length outside 0-" + bits);
            }
        }
        return new Cidr(mask(b, prefix), prefix);
    }

    /** The original's pair: an IPv4 address and a dotted netmask ({@code 255.255.0.0}), which must be contiguous. */
    public static Cidr fromAddressAndMask(String address, String dottedMask) {
        byte[] a = IpAddresses.bytes(address);
        if (a == null || a.length != 4) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
        }
        if (!NetUtil.isValidIpV4Address(dottedMask)) {
            throw new IllegalArgumentException("'" + dottedMask + "' is not a netmask");
        }
        byte[] m = NetUtil.createByteArrayFromIpAddressString(dottedMask);
        int value = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        int prefix = Integer.bitCount(value);
        if (value != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
            throw new IllegalArgumentException("'" + dottedMask + "' is not a contiguous netmask");
        }
        return new Cidr(mask(a, prefix), prefix);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    /** Whether the literal address lies in this network (never for a different address family or a non-literal). */
    public boolean contains(String address) {
        byte[] b = IpAddresses.bytes(address);
        return b != null && contains(b);
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    public int prefix() {
        return prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }
}
