package io.webfon.sercen.auth;

import java.util.Locale;

/**
 * The REST API's error codes: stable words clients may rely on, each with its HTTP status and a message for
 * people. Unknown user, wrong password and disabled account all answer {@link #BAD_CREDENTIALS}, so that the
 * answer never tells whether an account exists.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "The request is malformed or misses a field"),
    BAD_CREDENTIALS(401, "Wrong user or password"),
    CHALLENGE_INVALID(401, "Unknown or finished challenge; log in again"),
    CHALLENGE_EXPIRED(401, "The code has expired; log in again"),
    CODE_BAD(401, "Wrong code"),
    CHALLENGE_DEAD(401, "Too many wrong codes; log in again"),
    TOKEN_MISSING(401, "A token is required"),
    TOKEN_INVALID(401, "Unknown token"),
    TOKEN_EXPIRED(401, "The token has expired; log in again"),
    TOKEN_REVOKED(401, "The token has been logged out or revoked"),
    TOKEN_IP_MISMATCH(401, "The token belongs to another address"),
    PASSWORD_CHANGE_REQUIRED(403, "The password must be changed before logging in"),
    PASSWORD_EXPIRED(403, "The password has expired; ask an administrator to reset it"),
    TOTP_NOT_ENROLLED(403, "No authenticator is enrolled for this account; ask an administrator"),
    ADMIN_SECRET_BAD(403, "Wrong or missing admin secret"),
    NOT_FOUND(404, "No such resource"),
    ADMIN_DISABLED(404, "The admin API is off (general.admin_secret is not set)"),
    METHOD_NOT_ALLOWED(405, "Method not allowed on this resource"),
    NO_EXTENSION_FREE(409, "No webfon extension is free in the user's pool"),
    CONFLICT(409, "The resource is in use"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    PASSWORD_POLICY(422, "The new password does not follow the password policy"),
    PASSWORD_REUSED(422, "The new password was used recently"),
    RATE_LIMITED(429, "Too many failed attempts; try again later"),
    INTERNAL(500, "Internal error"),
    PIN_SEND_FAILED(502, "The PIN e-mail could not be sent; ask an administrator"),
    DIRECTORY_UNAVAILABLE(503, "The user directory is unavailable; try again later"),
    SECOND_FACTOR_UNAVAILABLE(503, "The second factor cannot be offered (no e-mail address or no SMTP server)"),
    STORAGE_UNAVAILABLE(503, "The database is unavailable; try again later");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code as it appears in JSON: {@code bad_credentials}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
