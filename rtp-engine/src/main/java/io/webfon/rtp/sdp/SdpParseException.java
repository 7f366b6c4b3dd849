package io.webfon.rtp.sdp;

/**
 * An SDP text, or one value inside it, that this package refuses, with a reason fit to send back to the peer in a
 * Janus error ({@code JANUS_ERROR_JSEP_INVALID_SDP}).
 *
 * <p>It is a <em>checked</em> exception on purpose: SDP arrives from browsers and PBXes, so every caller of
 * {@link SdpParser#parse(String)} or {@link Candidate#parse(String)} has to decide, at compile time, which error
 * its peer gets. Nothing in this package throws anything else on bad input; the fuzz test holds it to that.
 *
 * <p>The message is {@code line N: <what>: <problem>} when the problem has a line (for example
 * {@code line 7: a=rtpmap: payload type 300 out of range (0-127)}), and the bare reason otherwise (for example
 * Janus's {@code Missing mandatory lines (o=, s= or m=)}).
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    /** A problem with no line to point at (a value parsed on its own, or the description as a whole). */
    public SdpParseException(String reason) {
        this(0, reason);
    }

    /** A problem on the given 1-based line; {@code line <= 0} means none. */
    public SdpParseException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason, null, false, false);
        this.line = Math.max(0, line);
        this.reason = reason;
    }

    /** The 1-based line of the problem, or 0 when it has none. */
    public int line() {
        return line;
    }

    /** The message without its {@code line N: } prefix. */
    public String reason() {
        return reason;
    }

    /** This problem, placed on a line and prefixed by what was being read ({@code a=rtpmap}, {@code m= line}). */
    SdpParseException at(int lineNumber, String what) {
        return new SdpParseException(lineNumber, what + ": " + reason);
    }
}
