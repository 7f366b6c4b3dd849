package io.webfon.janus.protocol;

/**
 * A request that fails with a Janus error. Thrown inside request processing and turned into an
 * {@code {"janus":"error"}} reply at one place; never escapes to a transport.
 */
public final class JanusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient JanusError error;

    public JanusException(JanusError error, String reason) {
        super(reason == null ? error.defaultReason() : reason, null, false, false);
        this.error = error;
    }

    public JanusException(JanusError error) {
        this(error, null);
    }

    public JanusError error() {
        return error;
    }

    public String reason() {
        return getMessage();
    }
}
