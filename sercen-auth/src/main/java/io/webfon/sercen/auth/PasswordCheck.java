package io.webfon.sercen.auth;

import io.webfon.sercen.crypto.Argon2id;
import io.webfon.sercen.ldap.LdapDirectory;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.model.ValidationMode;

/**
 * Checks a user's password the way the user is set up: locally (Argon2id), against LDAP (two-step bind), or both,
 * where either may succeed (the original's "Ambas"; the local password and the directory's need not be equal).
 * Every check costs at least one Argon2id verification (unknown users, disabled accounts and LDAP users included),
 * so that how long an answer takes does not tell whether the name exists or how it is checked.
 */
public final class PasswordCheck {
    /**
     * @param ok whether the password is right
     * @param method {@code local} or {@code ldap}: what accepted it (or was tried last)
     * @param reason the TRUCO_KO reason when not ok
     * @param unavailable the directory could not be asked (not the client's fault)
     * @param directoryMail the e-mail address the directory holds, if it was asked
     */
    public record Verdict(boolean ok, String method, String reason, boolean unavailable, String directoryMail) {
    }

    private final Argon2id hasher;
    private final LdapDirectory ldap;
    private final SercenLog log;

    /** @param ldap the directory, or null when LDAP is off */
    public PasswordCheck(Argon2id hasher, LdapDirectory ldap, SercenLog log) {
        this.hasher = hasher;
        this.ldap = ldap;
        this.log = log;
    }

    public Verdict check(UserRecord user, String password) {
        if (user == null) {
            hasher.verifyDummy(password);
            return new Verdict(false, "local", Reasons.UNKNOWN_USER, false, null);
        }
        if (!user.enabled()) {
            hasher.verifyDummy(password);
            return new Verdict(false, "local", Reasons.USER_DISABLED, false, null);
        }
        ValidationMode mode = user.validation();
        if (mode == ValidationMode.LOCAL || mode == ValidationMode.BOTH) {
            boolean ok = user.hasLocalPassword() ? hasher.verify(user.passwordHash(), password)
                    : hasher.verifyDummy(password);
            if (ok) {
                return new Verdict(true, "local", null, false, null);
            }
            if (mode == ValidationMode.LOCAL) {
                return new Verdict(false, "local", Reasons.LOCAL_BAD_PASSWORD, false, null);
            }
        }
        if (mode == ValidationMode.LDAP) {
            // A directory bind takes a millisecond where Argon2id takes tens: without this, a fast answer would
            // tell that the name belongs to an LDAP user (user enumeration by timing).
            hasher.verifyDummy(password);
        }
        return checkLdap(user, password, mode == ValidationMode.BOTH);
    }

    private Verdict checkLdap(UserRecord user, String password, boolean both) {
        if (ldap == null) {
            log.error("LDP", "ldap_off user=" + user.username() + " validation=" + user.validation().word()
                    + " (ldap.enabled is false)");
            return new Verdict(false, "ldap", both ? Reasons.LOCAL_BAD_PASSWORD : Reasons.LDAP_BAD_PASSWORD,
                    !both, null);
        }
        LdapDirectory.Result r = ldap.authenticate(user.username(), password);
        switch (r.outcome()) {
            case OK -> {
                log.info("LDP", "authenticated user=" + user.username() + " dn='" + r.dn() + "' tipo=ldap_two_step");
                return new Verdict(true, "ldap", null, false, r.mail());
            }
            case UNAVAILABLE -> {
                log.error("LDP", "unavailable user=" + user.username() + " urls=" + ldap.urls() + " error='"
                        + r.detail() + "'");
                return new Verdict(false, "ldap", null, true, null);
            }
            case NOT_FOUND -> {
                log.info("LDP", "not_found user=" + user.username() + " detail='" + r.detail() + "'");
                return new Verdict(false, "ldap", both ? Reasons.BOTH_BAD_PASSWORD : Reasons.LDAP_NO_USER, false, null);
            }
            default -> {
                log.info("LDP", "NOT_authenticated user=" + user.username() + " dn='" + r.dn() + "'");
                return new Verdict(false, "ldap", both ? Reasons.BOTH_BAD_PASSWORD : Reasons.LDAP_BAD_PASSWORD,
                        false, null);
            }
        }
    }
}
