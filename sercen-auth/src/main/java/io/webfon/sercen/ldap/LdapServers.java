package io.webfon.sercen.ldap;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.webfon.sercen.config.SercenConfig;
import java.io.File;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * How to reach the directory, built from the configuration: the servers (failover in the order given), plain,
 * LDAPS or StartTLS, certificates checked against the configured CAs (or the JVM's) and the host name, connect
 * and response timeouts, and the service account's bind.
 */
final class LdapServers {
    private final SercenConfig.Ldap config;
    private final List<LDAPURL> urls;
    private final LDAPConnectionOptions options;
    private final SSLUtil ssl;

    LdapServers(SercenConfig.Ldap config) throws LDAPException {
        this.config = config;
        this.urls = config.urls().stream().map(LdapServers::parseUrl).toList();
        this.options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(config.connectTimeoutMs());
        options.setResponseTimeoutMillis(config.responseTimeoutMs());
        options.setUseSynchronousMode(false);
        if (config.verifyHostname()) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        this.ssl = new SSLUtil(trustManager(config));
    }

    private static LDAPURL parseUrl(String url) {
        try {
            return new LDAPURL(url);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("ldap.url '" + url + "' is not an LDAP URL: " + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(SercenConfig.Ldap config) throws LDAPException {
        if (config.caFile().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(new File(config.caFile()));
        } catch (Exception e) {
            throw new LDAPException(ResultCode.PARAM_ERROR, "ldap.ca_file " + config.caFile()
                    + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
    }

    List<LDAPURL> urls() {
        return urls;
    }

    LDAPConnectionOptions options() {
        return options;
    }

    boolean secure(LDAPURL url) {
        return url.getScheme().toLowerCase(Locale.ROOT).equals("ldaps");
    }

    /** The socket factory for a URL: TLS for ldaps://, plain otherwise (StartTLS upgrades after connecting). */
    SocketFactory socketFactory(LDAPURL url) throws GeneralSecurityException {
        return secure(url) ? ssl.createSSLSocketFactory() : SocketFactory.getDefault();
    }

    /** All servers, tried in order; ldaps:// servers need every URL to be ldaps:// (one socket factory). */
    ServerSet serverSet() throws GeneralSecurityException {
        String[] hosts = urls.stream().map(LDAPURL::getHost).toArray(String[]::new);
        int[] ports = urls.stream().mapToInt(LDAPURL::getPort).toArray();
        return new FailoverServerSet(hosts, ports, socketFactory(urls.get(0)), options);
    }

    /** StartTLS after connecting to ldap:// servers when configured, else nothing. */
    PostConnectProcessor postConnect() throws GeneralSecurityException {
        if (!config.startTls() || secure(urls.get(0))) {
            return null;
        }
        SSLContext context = ssl.createSSLContext();
        return new StartTLSPostConnectProcessor(context);
    }

    SSLContext sslContext() throws GeneralSecurityException {
        return ssl.createSSLContext();
    }

    /** The service account's bind, or null for anonymous searches. */
    SimpleBindRequest serviceBind() {
        return config.bindDn().isEmpty() ? null : new SimpleBindRequest(config.bindDn(), config.bindPassword());
    }
}
