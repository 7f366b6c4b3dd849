package io.webfon.sercen.config;

import static io.webfon.sercen.config.Key.bool;
import static io.webfon.sercen.config.Key.choice;
import static io.webfon.sercen.config.Key.host;
import static io.webfon.sercen.config.Key.integer;
import static io.webfon.sercen.config.Key.list;
import static io.webfon.sercen.config.Key.path;
import static io.webfon.sercen.config.Key.port;
import static io.webfon.sercen.config.Key.secret;
import static io.webfon.sercen.config.Key.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of {@code sercen.jcfg}, documented once here: the sample file, docs/sercen.md and the legacy
 * serCen.conf aliases are checked against this table. The original's names ({@code smtp_host},
 * {@code pinExpira}, {@code tokenExpira}, ...) are aliases of the key they set; {@code smtps_usa} and the
 * {@code f1factor_NN_ip}/{@code _msk} pairs are translated by {@link LegacyAliases}.
 */
public final class SercenSchema {
    public static final String MAIN_FILE = "sercen.jcfg";
    public static final String LEGACY_FILE = "serCen.conf";

    public static final List<Key> KEYS = List.of(
            path("general", "data_dir", "Directory of the embedded H2 database and the generated key file (empty: "
                    + "$STATE_DIRECTORY as systemd sets it, else ~/.webfon)."),
            path("general", "key_file", "File holding the 256-bit key that encrypts SIP credentials and TOTP secrets "
                    + "(empty: <data_dir>/sercen.key, created with mode 0600 at first start)."),
            secret("general", "admin_secret", "Secret the admin REST API requires in the X-Admin-Secret header (empty: "
                    + "admin API off)."),
            list("general", "admin_networks", "127.0.0.1/32, ::1/128",
                    "Client networks (CIDR) the admin REST API answers; behind the proxy, the forwarded client address "
                            + "counts, so /sercen/admin stays closed to the Internet even when Apache forwards /sercen."),
            bool("general", "log_to_stdout", true, "Whether the sercen log goes to standard output."),
            path("general", "log_to_file", "File the sercen log is appended to (empty: none)."),

            bool("rest", "enabled", true, "Whether the REST API is served."),
            host("rest", "ip", "127.0.0.1", "Address the REST API binds to (Apache fronts it)."),
            port("rest", "port", 7669, "Port of the REST API."),
            text("rest", "base_path", "/sercen", "Path of the REST API."),
            list("rest", "trusted_proxies", "127.0.0.1/32, ::1/128",
                    "Reverse proxies whose X-Forwarded-For gives the client address."),
            integer("rest", "max_body", 16_384, 512, 1_048_576, "Largest request body accepted, in bytes."),
            integer("rest", "workers", 8, 1, 256,
                    "Threads for blocking work: database, LDAP, SMTP and password hashing."),

            bool("status", "enabled", true, "Whether the text status port answers."),
            host("status", "ip", "127.0.0.1", "Address of the status port."),
            port("status", "port", 1125, "Port of the status port (nc 127.0.0.1 1125)."),

            text("database", "url", "", "JDBC URL: jdbc:mariadb://host/db, jdbc:mysql://..., jdbc:postgresql://... "
                    + "(empty: embedded H2 file in data_dir)."),
            text("database", "user", "", "Database user."),
            secret("database", "password", "Database password."),
            integer("database", "pool_size", 4, 1, 64, "Connections kept in the pool at most."),
            integer("database", "connect_timeout", 5, 1, 120,
                    "Seconds to wait for a connection before a request fails."),

            integer("tokens", "lifetime", 3_600, 60, 604_800,
                    "Seconds a login token lives; renewing restarts the count.").alias("tokenExpira"),
            text("tokens", "app", "webfon", "Application tokens are issued for."),
            bool("tokens", "bind_ip", true,
                    "Whether a token is only valid from the address that logged in (users with multi_ip excepted)."),
            integer("tokens", "cleanup_after_days", 15, 1, 3_650,
                    "The cleanup job (escobaToken) deletes tokens ended or started more than this many days ago."),
            integer("tokens", "cleanup_batch", 100, 1, 100_000, "Rows the cleanup job deletes per statement."),
            text("tokens", "cleanup_at", "03:30", "Local time (HH:MM) the cleanup job runs every day."),

            integer("passwords", "argon2_memory_kib", 19_456, 1_024, 1_048_576, "Argon2id memory cost in KiB."),
            integer("passwords", "argon2_iterations", 2, 1, 20, "Argon2id passes over memory."),
            integer("passwords", "argon2_parallelism", 1, 1, 16, "Argon2id lanes."),
            integer("passwords", "min_length", 8, 1, 128, "Shortest password accepted.").alias("longiMin"),
            bool("passwords", "require_digits", false, "Whether a password needs a digit.").alias("requiereNumeros"),
            bool("passwords", "require_upper", false,
                    "Whether a password needs an upper-case letter.").alias("requiereMayusculas"),
            bool("passwords", "require_lower", false,
                    "Whether a password needs a lower-case letter.").alias("requiereMinusculas"),
            bool("passwords", "require_special", false,
                    "Whether a password needs a character that is not a letter or digit.")
                    .alias("requiereCarsEspeciales"),
            integer("passwords", "validity_days", 90, 0, 3_650,
                    "Days a new password is valid before it must be changed (0: forever).").alias("diasValidezNueva"),
            integer("passwords", "change_grace_days", 30, 0, 3_650,
                    "Days after expiry during which the user may still change an expired password at login (0: "
                            + "no limit).").alias("clave_caduca_dias"),
            integer("passwords", "history", 5, 0, 50, "Earlier passwords a new one may not repeat."),

            bool("ldap", "enabled", false, "Whether users with validation ldap or both are checked against LDAP."),
            list("ldap", "url", "", "LDAP servers tried in order: ldap://host:389 or ldaps://host:636."),
            bool("ldap", "start_tls", false, "Whether ldap:// connections are upgraded with StartTLS."),
            path("ldap", "ca_file", "PEM file of the CAs trusted for LDAPS/StartTLS (empty: the JVM's trust store)."),
            bool("ldap", "verify_hostname", true, "Whether the server certificate must name the host connected to."),
            text("ldap", "bind_dn", "", "Service account DN used to search for users."),
            secret("ldap", "bind_password", "Service account password."),
            text("ldap", "base_dn", "", "Where users are searched (subtree)."),
            text("ldap", "user_filter", "(sAMAccountName={user})",
                    "Filter finding a user; {user} is replaced by the escaped login name."),
            text("ldap", "mail_attribute", "mail", "Attribute with the e-mail address used when a user has none."),
            integer("ldap", "connect_timeout_ms", 3_000, 100, 60_000, "Milliseconds to connect to a server."),
            integer("ldap", "response_timeout_ms", 5_000, 100, 120_000, "Milliseconds to wait for an answer."),
            integer("ldap", "pool_size", 4, 1, 64, "Connections kept open to the directory at most."),

            list("two_factor", "trusted_networks", "",
                    "Networks (CIDR) whose clients skip the second factor (serCen.conf f1factor_NN_ip/_msk pairs)."),
            integer("two_factor", "pin_length", 6, 4, 10, "Digits of an e-mailed PIN."),
            integer("two_factor", "pin_expiry", 600, 30, 86_400,
                    "Seconds a PIN (or a TOTP challenge) stays valid.").alias("pinExpira"),
            integer("two_factor", "pin_max_attempts", 5, 1, 100,
                    "Wrong codes after which a challenge dies.").alias("pinIntentosMax"),
            text("two_factor", "totp_issuer", "Webfon", "Issuer shown by authenticator apps."),
            integer("two_factor", "totp_window", 1, 0, 2, "TOTP steps of 30 s accepted either side of now."),

            text("smtp", "host", "", "SMTP server for PIN e-mails (empty: e-mail PINs unavailable).")
                    .alias("smtp_host"),
            integer("smtp", "port", 0, 0, 65_535,
                    "SMTP port (0: 25, or 465 with smtps, or 587 with starttls).").alias("smtp_puerto"),
            choice("smtp", "security", "none", List.of("none", "starttls", "smtps"),
                    "none, starttls (required) or smtps (TLS from the start); smtps_usa = true means smtps."),
            text("smtp", "user", "", "SMTP user (empty: no authentication).").alias("smtp_usuario"),
            secret("smtp", "password", "SMTP password.").alias("smtp_clave"),
            text("smtp", "from", "webfon@localhost", "Sender address of PIN e-mails."),
            text("smtp", "subject", "Webfon access PIN", "Subject of PIN e-mails."),
            path("smtp", "ca_file", "PEM file of the CAs trusted for SMTP TLS (empty: the JVM's trust store)."),
            bool("smtp", "verify_hostname", true, "Whether the server certificate must name the SMTP host."),
            integer("smtp", "timeout_ms", 10_000, 500, 120_000, "Milliseconds for each SMTP connect, read and write."),

            integer("limits", "ip_failures", 20, 1, 100_000,
                    "Failed logins or codes from one address that block it for limits.ip_window."),
            integer("limits", "ip_window", 600, 1, 86_400, "Seconds over which failures of one address are counted."),
            integer("limits", "account_failures", 10, 1, 100_000,
                    "Failed logins of one account that block it for limits.account_window."),
            integer("limits", "account_window", 900, 1, 86_400,
                    "Seconds over which failures of one account are counted.")
    );

    private static final Map<String, Key> BY_ID = index();

    private SercenSchema() {
    }

    private static Map<String, Key> index() {
        Map<String, Key> map = new LinkedHashMap<>();
        for (Key k : KEYS) {
            if (map.put(k.id(), k) != null) {
                throw new IllegalStateException("duplicate configuration key " + k.id());
            }
        }
        return map;
    }

    public static Optional<Key> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static boolean isSection(String name) {
        return KEYS.stream().anyMatch(k -> k.section().equals(name));
    }
}
