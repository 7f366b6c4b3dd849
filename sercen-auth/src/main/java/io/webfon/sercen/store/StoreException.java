package io.webfon.sercen.store;

/** The database failed (unreachable, timed out, refused a statement); the message names the operation. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
