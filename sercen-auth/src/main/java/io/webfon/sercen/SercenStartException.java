package io.webfon.sercen;

/** sercen-auth could not start: the message names what (database, key file, LDAP settings, a port) and why. */
public final class SercenStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public SercenStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
