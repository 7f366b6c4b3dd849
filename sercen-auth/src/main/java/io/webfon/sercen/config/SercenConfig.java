package io.webfon.sercen.config;

import io.webfon.sercen.net.Cidr;
import io.webfon.sercen.net.IpAddresses;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sercen's configuration, validated and immutable, built once at start-up and passed to what needs it. Records
 * holding secrets print them as {@code (secret)}.
 */
public record SercenConfig(General general, Rest rest, Status status, Database database, Tokens tokens,
        Passwords passwords, Ldap ldap, TwoFactor twoFactor, Smtp smtp, Limits limits) {

    /** Where state lives, the admin secret and the sercen log. */
    public record General(Path dataDir, Path keyFile, String adminSecret, List<Cidr> adminNetworks, boolean logToStdout,
            String logFile) {
        public boolean adminEnabled() {
            return !adminSecret.isEmpty();
        }

        @Override
        public String toString() {
            return "General[dataDir=" + dataDir + ", keyFile=" + keyFile + ", adminSecret="
                    + (adminEnabled() ? "(secret)" : "") + ", adminNetworks=" + adminNetworks + ", logToStdout=" + logToStdout + ", logFile=" + logFile + "]";
        }
    }

    /** The REST API on {@code /sercen}. */
    public record Rest(boolean enabled, String host, int port, String basePath, List<String> trustedProxies,
            int maxBody, int workers) {
    }

    /** The text status port. */
    public record Status(boolean enabled, String host, int port) {
    }

    /** The JDBC database; an empty URL means the embedded H2 file in the data directory. */
    public record Database(String url, String user, String password, int poolSize, int connectTimeoutSeconds) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "(secret)")
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /** Login tokens and the cleanup job. */
    public record Tokens(int lifetimeSeconds, String app, boolean bindIp, int cleanupAfterDays, int cleanupBatch,
            LocalTime cleanupAt) {
    }

    /** Argon2id parameters and the password policy of local users. */
    public record Passwords(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism, int minLength,
            boolean requireDigits, boolean requireUpper, boolean requireLower, boolean requireSpecial,
            int validityDays, int changeGraceDays, int history) {
    }

    /** The LDAP/Active Directory server and the two-step bind. */
    public record Ldap(boolean enabled, List<String> urls, boolean startTls, String caFile, boolean verifyHostname,
            String bindDn, String bindPassword, String baseDn, String userFilter, String mailAttribute,
            int connectTimeoutMs, int responseTimeoutMs, int poolSize) {
        @Override
        public String toString() {
            return "Ldap[enabled=" + enabled + ", urls=" + urls + ", startTls=" + startTls + ", bindDn=" + bindDn
                    + ", bindPassword=" + (bindPassword.isEmpty() ? "" : "(secret)") + ", baseDn=" + baseDn
                    + ", userFilter=" + userFilter + "]";
        }
    }

    /** Second factor: trusted networks, PIN and TOTP settings. */
    public record TwoFactor(List<Cidr> trustedNetworks, int pinLength, int pinExpirySeconds, int pinMaxAttempts,
            String totpIssuer, int totpWindow) {
    }

    /** The SMTP server PIN e-mails go through. */
    public record Smtp(String host, int port, String security, String user, String password, String from,
            String subject, String caFile, boolean verifyHostname, int timeoutMs) {
        public boolean enabled() {
            return !host.isEmpty();
        }

        /** The port to connect to: the configured one, or the usual one for the security mode. */
        public int effectivePort() {
            if (port != 0) {
                return port;
            }
            return switch (security) {
                case "smtps" -> 465;
                case "starttls" -> 587;
                default -> 25;
            };
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + effectivePort() + ", security=" + security + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "" : "(secret)") + "]";
        }
    }

    /** In-process brute-force limits, in addition to fail2ban. */
    public record Limits(int ipFailures, int ipWindowSeconds, int accountFailures, int accountWindowSeconds) {
    }

    static SercenConfig from(Values v, Map<String, String> environment) {
        Path dataDir = dataDir(v.string("general.data_dir"), environment);
        String keyFile = v.string("general.key_file");
        General general = new General(dataDir, keyFile.isEmpty() ? dataDir.resolve("sercen.key") : Path.of(keyFile),
                v.string("general.admin_secret"), cidrs(v, "general.admin_networks"), v.bool("general.log_to_stdout"),
                v.string("general.log_to_file"));
        Rest rest = new Rest(v.bool("rest.enabled"), v.host("rest.ip"), v.intValue("rest.port"),
                basePath(v, "rest.base_path"), cidrs(v, "rest.trusted_proxies").stream().map(Cidr::toString).toList(),
                v.intValue("rest.max_body"), v.intValue("rest.workers"));
        Status status = new Status(v.bool("status.enabled"), v.host("status.ip"), v.intValue("status.port"));
        Database database = new Database(databaseUrl(v), v.string("database.user"), v.string("database.password"),
                v.intValue("database.pool_size"), v.intValue("database.connect_timeout"));
        Tokens tokens = new Tokens(v.intValue("tokens.lifetime"), word(v, "tokens.app"), v.bool("tokens.bind_ip"),
                v.intValue("tokens.cleanup_after_days"), v.intValue("tokens.cleanup_batch"), cleanupAt(v));
        Passwords passwords = new Passwords(v.intValue("passwords.argon2_memory_kib"),
                v.intValue("passwords.argon2_iterations"), v.intValue("passwords.argon2_parallelism"),
                v.intValue("passwords.min_length"), v.bool("passwords.require_digits"),
                v.bool("passwords.require_upper"), v.bool("passwords.require_lower"),
                v.bool("passwords.require_special"), v.intValue("passwords.validity_days"),
                v.intValue("passwords.change_grace_days"), v.intValue("passwords.history"));
        TwoFactor twoFactor = new TwoFactor(cidrs(v, "two_factor.trusted_networks"),
                v.intValue("two_factor.pin_length"), v.intValue("two_factor.pin_expiry"),
                v.intValue("two_factor.pin_max_attempts"), v.string("two_factor.totp_issuer"),
                v.intValue("two_factor.totp_window"));
        Smtp smtp = new Smtp(v.string("smtp.host"), v.intValue("smtp.port"), v.choice("smtp.security"),
                v.string("smtp.user"), v.string("smtp.password"), v.string("smtp.from"), v.string("smtp.subject"),
                v.string("smtp.ca_file"), v.bool("smtp.verify_hostname"), v.intValue("smtp.timeout_ms"));
        Limits limits = new Limits(v.intValue("limits.ip_failures"), v.intValue("limits.ip_window"),
                v.intValue("limits.account_failures"), v.intValue("limits.account_window"));
        SercenConfig c = new SercenConfig(general, rest, status, database, tokens, passwords, ldap(v), twoFactor,
                smtp, limits);
        c.check(v);
        return c;
    }

    private static Ldap ldap(Values v) {
        return new Ldap(v.bool("ldap.enabled"), v.list("ldap.url"), v.bool("ldap.start_tls"), v.string("ldap.ca_file"),
                v.bool("ldap.verify_hostname"), v.string("ldap.bind_dn"), v.string("ldap.bind_password"),
                v.string("ldap.base_dn"), v.string("ldap.user_filter"), v.string("ldap.mail_attribute"),
                v.intValue("ldap.connect_timeout_ms"), v.intValue("ldap.response_timeout_ms"),
                v.intValue("ldap.pool_size"));
    }

    /** {@code $STATE_DIRECTORY} (systemd's StateDirectory=), else {@code ~/.webfon}. */
    static Path dataDir(String configured, Map<String, String> environment) {
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String state = environment.get("STATE_DIRECTORY");
        if (state != null && !state.isBlank()) {
            return Path.of(state.split(":")[0]);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".webfon");
    }

    private static String databaseUrl(Values v) {
        String url = v.string("database.url");
        String lower = url.toLowerCase(Locale.ROOT);
        if (!url.isEmpty() && !lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:mariadb:")
                && !lower.startsWith("jdbc:mysql:") && !lower.startsWith("jdbc:postgresql:")) {
            v.problem("database.url", "must be a jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: URL");
            return "";
        }
        return url;
    }

    private static String basePath(Values v, String id) {
        String p = v.string(id);
        if (!p.startsWith("/") || p.contains(" ") || p.contains("?") || p.contains("#")) {
            v.problem(id, "must be a path starting with / (no spaces, ? or #)");
            return SercenSchema.find(id).orElseThrow().defaultValue();
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String word(Values v, String id) {
        String s = v.string(id);
        if (!s.matches("[A-Za-z0-9_.-]{1,32}")) {
            v.problem(id, "must be 1-32 letters, digits, '.', '_' or '-'");
            return SercenSchema.find(id).orElseThrow().defaultValue();
        }
        return s;
    }

    private static List<Cidr> cidrs(Values v, String id) {
        List<Cidr> out = new ArrayList<>();
        for (String item : v.list(id)) {
            try {
                out.add(Cidr.parse(item));
            } catch (IllegalArgumentException e) {
                v.problem(id, "must list IP addresses or CIDR blocks (" + e.getMessage() + ")");
            }
        }
        return List.copyOf(out);
    }

    private static LocalTime cleanupAt(Values v) {
        String text = v.string("tokens.cleanup_at");
        try {
            if (text.matches("\\d{2}:\\d{2}")) {
                return LocalTime.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        v.problem("tokens.cleanup_at", "must be a local time HH:MM");
        return LocalTime.of(3, 30);
    }

    /** Rules that join several keys. */
    private void check(Values v) {
        if (ldap.enabled()) {
            checkLdap(v);
        }
        if (!general.adminSecret().isEmpty() && general.adminSecret().length() < 12) {
            v.problem("general.admin_secret", "must be at least 12 characters long");
        }
        if (rest.enabled() && status.enabled() && rest.port() != 0 && rest.port() == status.port()
                && rest.host().equals(status.host())) {
            v.problem("status.port", "is the same address and port as rest.port");
        }
        if (!general.logFile().isEmpty() && general.logFile().endsWith("/")) {
            v.problem("general.log_to_file", "must name a file, not a directory");
        }
        if (!smtp.host().isEmpty() && !IpAddresses.isLiteral(smtp.host())
                && !smtp.host().matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
            v.problem("smtp.host", "must be a host name or an IP address");
        }
    }

    private void checkLdap(Values v) {
        if (ldap.urls().isEmpty()) {
            v.problem("ldap.url", "must name at least one server when ldap.enabled is true");
        }
        for (String url : ldap.urls()) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ldap://") && !lower.startsWith("ldaps://")) {
                v.problem("ldap.url", "must be ldap://host[:port] or ldaps://host[:port]");
            } else if (lower.startsWith("ldaps://") && ldap.startTls()) {
                v.problem("ldap.start_tls", "cannot be used with an ldaps:// URL (TLS is already on)");
            }
        }
        if (ldap.baseDn().isEmpty()) {
            v.problem("ldap.base_dn", "must be set when ldap.enabled is true");
        }
        if (!ldap.userFilter().contains("{user}")) {
            v.problem("ldap.user_filter", "must contain {user}");
        }
    }
}
