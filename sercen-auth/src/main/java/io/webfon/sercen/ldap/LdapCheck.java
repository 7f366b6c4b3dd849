package io.webfon.sercen.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import io.webfon.sercen.config.SercenConfig;
import java.io.PrintStream;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;

/**
 * The original's {@code conexion_ldap.sh}, as a command: with the configured settings it connects to every
 * server (TLS as configured, with certificate and host name checks), binds as the service account, reads the
 * base DN, and, given a user, searches it with the filter and shows the DN and e-mail found; given a password
 * too, it tries the user's bind. It prints what it found, line by line, never a password.
 */
public final class LdapCheck {
    private final SercenConfig.Ldap config;
    private final PrintStream out;

    public LdapCheck(SercenConfig.Ldap config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Runs the check; returns whether everything asked for worked. */
    public boolean run(String user, String password) {
        out.println("ldap: urls=" + config.urls() + " start_tls=" + config.startTls() + " ca_file="
                + (config.caFile().isEmpty() ? "(JVM trust store)" : config.caFile()) + " verify_hostname="
                + config.verifyHostname());
        out.println("ldap: base_dn='" + config.baseDn() + "' user_filter='" + config.userFilter() + "' bind_dn='"
                + config.bindDn() + "' timeouts=" + config.connectTimeoutMs() + "/" + config.responseTimeoutMs() + "ms");
        LdapServers servers;
        try {
            servers = new LdapServers(config);
        } catch (LDAPException | IllegalArgumentException e) {
            out.println("FAIL settings: " + message(e));
            return false;
        }
        boolean allOk = true;
        for (LDAPURL url : servers.urls()) {
            allOk &= checkServer(servers, url);
        }
        if (user != null && !user.isEmpty()) {
            allOk &= checkUser(user, password);
        }
        out.println(allOk ? "RESULT ok" : "RESULT failed");
        return allOk;
    }

    private boolean checkServer(LdapServers servers, LDAPURL url) {
        String name = url.getHost() + ":" + url.getPort();
        try (LDAPConnection c = new LDAPConnection(servers.socketFactory(url), servers.options())) {
            c.connect(url.getHost(), url.getPort(), config.connectTimeoutMs());
            out.println("ok   connect " + name + (servers.secure(url) ? " (ldaps)" : ""));
            if (config.startTls() && !servers.secure(url)) {
                ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(servers.sslContext()));
                if (r.getResultCode() != ResultCode.SUCCESS) {
                    out.println("FAIL starttls " + name + ": " + r.getResultCode().getName() + " " + r.getDiagnosticMessage());
                    return false;
                }
                out.println("ok   starttls " + name);
            }
            describeTls(c, name);
            if (!config.bindDn().isEmpty()) {
                c.bind(new SimpleBindRequest(config.bindDn(), config.bindPassword()));
                out.println("ok   service bind as '" + config.bindDn() + "'");
            } else {
                out.println("--   no bind_dn: anonymous searches");
            }
            SearchResultEntry base = c.getEntry(config.baseDn(), "1.1");
            out.println(base == null ? "FAIL base_dn '" + config.baseDn() + "' not found or not readable"
                    : "ok   base_dn '" + config.baseDn() + "' readable");
            return base != null;
        } catch (Exception e) {
            out.println("FAIL " + name + ": " + message(e));
            return false;
        }
    }

    private void describeTls(LDAPConnection c, String name) {
        SSLSession s = c.getSSLSession();
        if (s == null) {
            out.println("--   " + name + " is not encrypted");
            return;
        }
        String subject = "";
        try {
            Certificate[] chain = s.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                subject = " certificate '" + x.getSubjectX500Principal().getName() + "' valid until " + x.getNotAfter();
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            subject = " (peer not verified)";
        }
        out.println("ok   tls " + s.getProtocol() + " " + s.getCipherSuite() + subject);
    }

    private boolean checkUser(String user, String password) {
        try (LdapDirectory dir = LdapDirectory.open(config)) {
            LdapDirectory.Result found = dir.find(user);
            if (found.outcome() != LdapDirectory.Outcome.OK) {
                out.println("FAIL user '" + user + "': " + found.outcome().name().toLowerCase() + " (" + found.detail()
                        + ")");
                return false;
            }
            out.println("ok   user '" + user + "' dn='" + found.dn() + "' " + config.mailAttribute() + "="
                    + (found.mail() == null ? "(none)" : found.mail()));
            if (password == null) {
                return true;
            }
            LdapDirectory.Result auth = dir.authenticate(user, password);
            out.println(auth.outcome() == LdapDirectory.Outcome.OK ? "ok   user bind as '" + found.dn() + "'"
                    : "FAIL user bind: " + auth.outcome().name().toLowerCase() + " (" + auth.detail() + ")");
            return auth.outcome() == LdapDirectory.Outcome.OK;
        } catch (LDAPException e) {
            out.println("FAIL settings: " + message(e));
            return false;
        }
    }

    private static String message(Exception e) {
        if (e instanceof LDAPException le) {
            return le.getResultCode().getName() + ": " + le.getExceptionMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
