package io.webfon.sercen.auth;

/**
 * The reasons of {@code TRUCO_KO} lines (docs/logs.md lists them): fixed words, never client text. fail2ban
 * counts every one of them.
 */
public final class Reasons {
    public static final String UNKNOWN_USER = "unknown_user";
    public static final String USER_DISABLED = "user_disabled";
    public static final String LOCAL_BAD_PASSWORD = "local_bad_password";
    public static final String LDAP_BAD_PASSWORD = "ldap_bad_password";
    public static final String LDAP_NO_USER = "ldap_no_user";
    public static final String BOTH_BAD_PASSWORD = "both_bad_password";
    public static final String PIN_BAD = "pin_bad";
    public static final String PIN_EXPIRED = "pin_expired";
    public static final String PIN_ATTEMPTS = "pin_attempts_exceeded";
    public static final String TOTP_BAD = "totp_bad";
    public static final String TOTP_REPLAY = "totp_replay";
    public static final String TOTP_EXPIRED = "totp_expired";
    public static final String TOTP_ATTEMPTS = "totp_attempts_exceeded";
    public static final String CHALLENGE_INVALID = "challenge_invalid";
    public static final String CHALLENGE_IP_MISMATCH = "challenge_ip_mismatch";
    public static final String TOKEN_MISSING = "token_missing";
    public static final String TOKEN_INVALID = "token_invalid";
    public static final String TOKEN_EXPIRED = "token_expired";
    public static final String TOKEN_REVOKED = "token_revoked";
    public static final String TOKEN_IP_MISMATCH = "token_ip_mismatch";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String ADMIN_SECRET_MISSING = "admin_secret_missing";
    public static final String ADMIN_SECRET_BAD = "admin_secret_bad";
    public static final String ADMIN_NETWORK = "admin_network";

    private Reasons() {
    }
}
