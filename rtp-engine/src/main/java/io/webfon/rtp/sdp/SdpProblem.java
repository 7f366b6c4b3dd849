package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One reason {@link WebRtcValidator} refuses a remote description, fit to send back in a Janus error
 * ({@code 465 JANUS_ERROR_JSEP_INVALID_SDP}).
 *
 * @param code what is wrong, for callers and tests
 * @param message the reason in words, naming the m= section
 */
public record SdpProblem(Code code, String message) {
    /** The kinds of problem. */
    public enum Code {
        /** No m= section is active (all have port 0). */
        NO_MEDIA,
        /** No {@code a=group:BUNDLE}, or an active section outside it (this node requires max-bundle). */
        NO_BUNDLE,
        /** BUNDLE names a mid no section has, or an active section has no {@code a=mid}. */
        BAD_MID,
        /** An RTP section without {@code a=rtcp-mux} (RFC 8843 and Janus 1.x require it). */
        NO_RTCP_MUX,
        /** A section whose protocol is not DTLS-SRTP or DTLS-SCTP. */
        UNSUPPORTED_PROTO,
        /** No {@code a=ice-ufrag}/{@code a=ice-pwd} at session or media level. */
        NO_ICE_CREDENTIALS,
        /** ICE credentials shorter than RFC 8839 §5.4 allows. */
        BAD_ICE_CREDENTIALS,
        /** No {@code a=fingerprint}. */
        NO_FINGERPRINT,
        /** Fingerprints only with hash functions this node does not support. */
        UNSUPPORTED_FINGERPRINT_HASH,
        /** An audio or video section with no codec this node supports. */
        NO_SUPPORTED_CODEC
    }

    public SdpProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The messages joined by {@code "; "}: one reason for one Janus error. */
    public static String describe(List<SdpProblem> problems) {
        return problems.stream().map(SdpProblem::message).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
