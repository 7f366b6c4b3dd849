package io.webfon.sercen.auth;

import java.util.List;

/**
 * A request the service refuses: the stable code for the client and, for policy errors, the rules broken. By the
 * time it is thrown the log line (TRUCO_KO or not) has been written.
 */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final transient List<String> details;

    public AuthException(ErrorCode code) {
        this(code, List.of());
    }

    public AuthException(ErrorCode code, List<String> details) {
        super(code.word(), null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
