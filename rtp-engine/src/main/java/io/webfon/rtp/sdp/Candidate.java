package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An ICE candidate (RFC 8839 §5.1): {@code <foundation> <component-id> <transport> <priority> <address> <port> typ
 * <type> [raddr <address>] [rport <port>] *(<extension name> <extension value>)}, with the extensions browsers use
 * ({@code tcptype} from RFC 6544, Chrome's {@code generation}, {@code ufrag}, {@code network-id}) read into fields
 * and any other kept in order. The address is text: it may be an IPv4 or IPv6 literal or an mDNS name
 * ({@code <uuid>.local}); nothing here resolves it.
 *
 * <p>{@link #toAttributeValue()} writes the fields back in Chrome's order, so a Chrome or Firefox candidate comes
 * back unchanged.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component 1-256 (1 is RTP; 2 is RTCP without rtcp-mux)
 * @param transport as written, usually {@code udp}, {@code UDP} or {@code tcp}
 * @param priority 0 to 2^32-1
 * @param address the connection address
 * @param port 0-65535 (an active TCP candidate uses 9)
 * @param type host, srflx, prflx or relay
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort {@code rport}, or null
 * @param tcpType {@code tcptype} (active, passive, so), or null
 * @param generation Chrome's {@code generation}, or null
 * @param ufrag Chrome's {@code ufrag}, or null
 * @param networkId Chrome's {@code network-id}, or null
 * @param extensions any other extension attributes, in order
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
        int port, CandidateType type, String relatedAddress, Integer relatedPort, String tcpType,
        Integer generation, String ufrag, Integer networkId, List<Extension> extensions) {

    /** An extension attribute this record has no field for (e.g. Chrome's {@code network-cost 10}). */
    public record Extension(String name, String value) {
        public Extension {
            Checks.word(name, "candidate extension name");
            Checks.word(value, "candidate extension value");
        }
    }

    private static final String PREFIX = "candidate:";

    public Candidate {
        Checks.word(foundation, "foundation");
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component " + component + " out of range (1-256)");
        }
        Checks.word(transport, "transport");
        if (priority < 0 || priority > Ssrc.MAX_SSRC) {
            throw new IllegalArgumentException("priority out of range");
        }
        Checks.word(address, "address");
        Checks.port(port, "port");
        Objects.requireNonNull(type, "type");
        optionalWord(relatedAddress, "raddr");
        if (relatedPort != null) {
            Checks.port(relatedPort, "rport");
        }
        optionalWord(tcpType, "tcptype");
        optionalWord(ufrag, "ufrag");
        extensions = Checks.list(extensions, "extensions");
    }

    /** A candidate with no extension attributes. */
    public static Candidate of(String foundation, int component, String transport, long priority, String address,
            int port, CandidateType type) {
        return new Candidate(foundation, component, transport, priority, address, port, type, null, null, null,
                null, null, null, List.of());
    }

    /**
     * Parses an {@code a=candidate} value, with or without the {@code candidate:} prefix that trickled candidates
     * carry (janus.js sends {@code "candidate:1175098181 1 udp ..."}).
     */
    public static Candidate parse(String value) throws SdpParseException {
        String v = Tokens.trimBlanks(value);
        if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            v = v.substring(PREFIX.length());
        }
        List<String> t = Tokens.split(v);
        if (t.size() < 8 || t.size() > 64) {
            throw new SdpParseException("expected '<foundation> <component> <transport> <priority> <address>"
                    + " <port> typ <type> ...'");
        }
        for (String s : t) {
            if (!Tokens.isWord(s)) {
                throw new SdpParseException("invalid field '" + Tokens.snippet(s) + "'");
            }
        }
        checkFoundation(t.get(0));
        int component = (int) Tokens.require(t.get(1), "component", 1, 256);
        long priority = Tokens.require(t.get(3), "priority", 0, Ssrc.MAX_SSRC);
        int port = (int) Tokens.require(t.get(5), "port", 0, 65535);
        if (!"typ".equalsIgnoreCase(t.get(6))) {
            throw new SdpParseException("expected 'typ' after the port, got '" + Tokens.snippet(t.get(6)) + "'");
        }
        CandidateType type = CandidateType.parse(t.get(7));
        Candidate base = of(t.get(0), component, t.get(2), priority, t.get(4), port, type);
        return CandidateExtensions.apply(base, t.subList(8, t.size()));
    }

    /** The attribute value, without the {@code candidate:} prefix. */
    public String toAttributeValue() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ")
                .append(type.sdpName());
        append(sb, "raddr", relatedAddress);
        append(sb, "rport", relatedPort);
        append(sb, "tcptype", tcpType);
        append(sb, "generation", generation);
        append(sb, "ufrag", ufrag);
        append(sb, "network-id", networkId);
        extensions.forEach(e -> sb.append(' ').append(e.name()).append(' ').append(e.value()));
        return sb.toString();
    }

    /** {@code candidate:<value>}, the form trickle ICE and janus.js carry. */
    public String toTrickleString() {
        return PREFIX + toAttributeValue();
    }

    public Attribute toAttribute() {
        return Attribute.of("candidate", toAttributeValue());
    }

    /** True for the RTP component (1), the only one a BUNDLE'd, rtcp-mux'ed session uses. */
    public boolean isRtp() {
        return component == 1;
    }

    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    public Candidate withRelated(String raddr, Integer rport) {
        return new Candidate(foundation, component, transport, priority, address, port, type, raddr, rport,
                tcpType, generation, ufrag, networkId, extensions);
    }

    public Candidate withTcpType(String newTcpType) {
        return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, newTcpType, generation, ufrag, networkId, extensions);
    }

    /** A copy with Chrome's {@code generation}, {@code ufrag} and {@code network-id} set (null drops one). */
    public Candidate withChromeExtensions(Integer newGeneration, String newUfrag, Integer newNetworkId) {
        return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, tcpType, newGeneration, newUfrag, newNetworkId, extensions);
    }

    public Candidate withExtensions(List<Extension> newExtensions) {
        return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, tcpType, generation, ufrag, networkId, newExtensions);
    }

    public Candidate withAddress(String newAddress, int newPort) {
        return new Candidate(foundation, component, transport, priority, newAddress, newPort, type,
                relatedAddress, relatedPort, tcpType, generation, ufrag, networkId, extensions);
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(' ').append(name).append(' ').append(value);
        }
    }

    private static void optionalWord(String value, String what) {
        if (value != null) {
            Checks.word(value, what);
        }
    }

    /** RFC 8839: foundation = 1*32ice-char; ice-char = ALPHA / DIGIT / "+" / "/". */
    private static void checkFoundation(String f) throws SdpParseException {
        if (f.length() > 32 || !IceChars.all(f)) {
            throw new SdpParseException("invalid foundation '" + Tokens.snippet(f) + "' (1-32 ice-chars)");
        }
    }
}
