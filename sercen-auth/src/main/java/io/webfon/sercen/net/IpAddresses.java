package io.webfon.sercen.net;

import io.netty.util.NetUtil;

/** IP literals: checked and put in one canonical text form, never resolved through DNS. */
public final class IpAddresses {
    private IpAddresses() {
    }

    public static boolean isLiteral(String text) {
        return text != null && (NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text));
    }

    /**
     * The address's bytes: 4 for IPv4 (also for an IPv4-mapped IPv6 address such as {@code ::ffff:1.2.3.4}), 16 for
     * IPv6; {@code null} for anything that is not an IP literal.
     */
    public static byte[] bytes(String text) {
        if (text == null) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = t.indexOf('%');
        if (zone > 0) {
            t = t.substring(0, zone);
        }
        byte[] b = NetUtil.createByteArrayFromIpAddressString(t);
        if (b != null && b.length == 16 && isV4Mapped(b)) {
            byte[] v4 = new byte[4];
            System.arraycopy(b, 12, v4, 0, 4);
            return v4;
        }
        return b;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** The canonical text of an IP literal ({@code ::ffff:10.0.0.1} becomes {@code 10.0.0.1}), or {@code null}. */
    public static String canonical(String text) {
        byte[] b = bytes(text);
        return b == null ? null : NetUtil.bytesToIpAddress(b);
    }

    public static boolean isLoopback(String text) {
        if ("localhost".equals(text)) {
            return true;
        }
        byte[] b = bytes(text);
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
