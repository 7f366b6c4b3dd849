package io.webfon.rtp.sdp;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}. The address is kept as
 * text (it may carry a multicast {@code /ttl}); nothing here resolves it.
 *
 * @param netType {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address the connection address
 */
public record Connection(String netType, String addrType, String address) {
    /** {@code c=IN IP4 0.0.0.0}, what JSEP (RFC 8829 §5.2.1) puts in an m= section before any candidate. */
    public static final Connection UNSPECIFIED_IP4 = new Connection("IN", "IP4", "0.0.0.0");

    public Connection {
        Checks.word(netType, "c= nettype");
        Checks.word(addrType, "c= addrtype");
        Checks.word(address, "c= address");
    }

    /** {@code c=IN IP4|IP6 <address>}, the address type chosen from the address (a colon means IPv6). */
    public static Connection of(String address) {
        return new Connection("IN", addrTypeOf(address), address);
    }

    static String addrTypeOf(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /** The line value after {@code c=}. */
    public String toLineValue() {
        return netType + " " + addrType + " " + address;
    }
}
