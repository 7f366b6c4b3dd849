package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the name/value pairs after {@code typ <type>} of a candidate into its fields (RFC 8839, RFC 6544). */
final class CandidateExtensions {
    private String raddr;
    private Integer rport;
    private String tcpType;
    private Integer generation;
    private String ufrag;
    private Integer networkId;
    private final List<Candidate.Extension> others = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private CandidateExtensions() {
    }

    static Candidate apply(Candidate base, List<String> pairs) throws SdpParseException {
        if (pairs.size() % 2 != 0) {
            throw new SdpParseException("extension '" + Tokens.snippet(pairs.get(pairs.size() - 1))
                    + "' has no value");
        }
        CandidateExtensions x = new CandidateExtensions();
        for (int i = 0; i < pairs.size(); i += 2) {
            x.read(pairs.get(i), pairs.get(i + 1));
        }
        return new Candidate(base.foundation(), base.component(), base.transport(), base.priority(),
                base.address(), base.port(), base.type(), x.raddr, x.rport, x.tcpType, x.generation, x.ufrag,
                x.networkId, x.others);
    }

    private void read(String name, String value) throws SdpParseException {
        String key = name.toLowerCase(Locale.ROOT);
        boolean known = switch (key) {
            case "raddr", "rport", "tcptype", "generation", "ufrag", "network-id" -> true;
            default -> false;
        };
        if (known && !seen.add(key)) {
            throw new SdpParseException("duplicate " + key);
        }
        switch (key) {
            case "raddr" -> raddr = value;
            case "rport" -> rport = (int) Tokens.require(value, "rport", 0, 65535);
            case "tcptype" -> tcpType = tcpType(value);
            case "generation" -> generation = (int) Tokens.require(value, "generation", 0, Integer.MAX_VALUE);
            case "ufrag" -> ufrag = value;
            case "network-id" -> networkId = (int) Tokens.require(value, "network-id", 0, Integer.MAX_VALUE);
            default -> others.add(new Candidate.Extension(name, value));
        }
    }

    /** RFC 6544: active, passive or so. */
    private static String tcpType(String value) throws SdpParseException {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("active") && !v.equals("passive") && !v.equals("so")) {
            throw new SdpParseException("unknown tcptype '" + Tokens.snippet(value)
                    + "' (expected active, passive or so)");
        }
        return value;
    }
}
