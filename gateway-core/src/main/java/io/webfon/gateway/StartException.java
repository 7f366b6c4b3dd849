package io.webfon.gateway;

/** The node could not start: a port could not be bound, or a component failed to initialise. */
public final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
