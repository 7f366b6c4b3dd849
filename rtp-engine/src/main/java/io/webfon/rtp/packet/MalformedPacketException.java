package io.webfon.rtp.packet;

/**
 * Thrown by the packet readers when the bytes cannot hold what was asked for. The hot path calls
 * {@code validate(..)} first and branches on its {@link Malformed} result instead; this exception is the safety net
 * that keeps a reader from ever failing with an {@code ArrayIndexOutOfBoundsException}.
 *
 * <p>Unchecked, because a caller that validated cannot get it, and checked exceptions would force dead
 * {@code catch} blocks onto every accessor call. It carries no stack trace: it is raised by untrusted network input,
 * possibly at line rate, where filling in a trace costs more than the parse, and {@link #reason()} already says
 * exactly what was wrong.
 */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The reason; never null. */
    private final Malformed reason;

    public MalformedPacketException(Malformed reason) {
        super(reason.text(), null, false, false);
        this.reason = reason;
    }

    /** Why the packet was rejected. */
    public Malformed reason() {
        return reason;
    }
}
