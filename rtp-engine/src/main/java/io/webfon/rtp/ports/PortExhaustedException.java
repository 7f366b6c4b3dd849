package io.webfon.rtp.ports;

/** Every port of a range is taken: a clear error for the caller to report, never a wait. */
public final class PortExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PortExhaustedException(String message) {
        super(message);
    }
}
