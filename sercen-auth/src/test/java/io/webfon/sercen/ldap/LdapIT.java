package io.webfon.sercen.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.testing.Slapd;
import io.webfon.sercen.testing.TestCerts;
import io.webfon.sercen.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-step LDAP check against Debian's slapd, started by the test (users with sAMAccountName): plain LDAP,
 * LDAPS and StartTLS with the certificate checked against the configured CA and the host name, an untrusted CA
 * refused, a server that is down reported as unavailable, and the conexion_ldap check's report.
 */
class LdapIT {
    @TempDir
    static Path dir;
    private static TestCerts certs;
    private static Slapd slapd;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.create(dir.resolve("certs"));
        slapd = Slapd.start(dir.resolve("slapd"), certs);
    }

    @AfterAll
    static void stop() {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static SercenConfig.Ldap config(String url, String... more) throws Exception {
        List<String> s = new ArrayList<>(slapd.config(url));
        s.addAll(List.of(more));
        return TestConfigs.config(dir.resolve("cfg"), s).ldap();
    }

    @Test
    void twoStepBindFindsTheUserBySamAccountNameAndChecksThePassword() throws Exception {
        try (LdapDirectory ldap = LdapDirectory.open(config(slapd.url()))) {
            LdapDirectory.Result ok = ldap.authenticate("jdoe", "Passw0rd!");
            assertThat(ok.outcome()).isEqualTo(LdapDirectory.Outcome.OK);
            assertThat(ok.dn()).isEqualTo("uid=jdoe,ou=people,dc=example,dc=org");
            assertThat(ok.mail()).isEqualTo("jdoe@example.org");
            assertThat(ldap.authenticate("JDOE", "Passw0rd!").outcome()).as("case-insensitive")
                    .isEqualTo(LdapDirectory.Outcome.OK);
            assertThat(ldap.authenticate("asmith", "other").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
            assertThat(ldap.authenticate("jdoe", "wrong").outcome()).isEqualTo(LdapDirectory.Outcome.BAD_PASSWORD);
            assertThat(ldap.authenticate("jdoe", "").outcome()).as("no unauthenticated bind")
                    .isEqualTo(LdapDirectory.Outcome.BAD_PASSWORD);
            assertThat(ldap.authenticate("nobody", "x").outcome()).isEqualTo(LdapDirectory.Outcome.NOT_FOUND);
            assertThat(ldap.authenticate("*", "x").outcome()).as("the name is escaped")
                    .isEqualTo(LdapDirectory.Outcome.NOT_FOUND);
            assertThat(ldap.authenticate("jdoe)(uid=*", "x").outcome()).isEqualTo(LdapDirectory.Outcome.NOT_FOUND);
            assertThat(ldap.authenticate("jdoe", "Passw0rd!").outcome()).as("the pool's identity was restored")
                    .isEqualTo(LdapDirectory.Outcome.OK);
            assertThat(ldap.stats()[0]).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aConfiguredAttributeCanReplaceSamAccountName() throws Exception {
        try (LdapDirectory ldap = LdapDirectory.open(config(slapd.url(), "ldap.user_filter=(mail={user}@example.org)"))) {
            assertThat(ldap.authenticate("carol", "Carol-Ldap-7").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
        }
    }

    @Test
    void ldapsAndStartTlsVerifyTheCertificate() throws Exception {
        String ca = "ldap.ca_file=" + certs.caCert();
        try (LdapDirectory ldaps = LdapDirectory.open(config(slapd.ldapsUrl(), ca));
                LdapDirectory starttls = LdapDirectory.open(config(slapd.url(), ca, "ldap.start_tls=true"))) {
            assertThat(ldaps.authenticate("jdoe", "Passw0rd!").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
            assertThat(starttls.authenticate("jdoe", "Passw0rd!").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
        }
        try (LdapDirectory untrusted = LdapDirectory.open(config(slapd.ldapsUrl(), "ldap.ca_file=" + certs.otherCaCert()));
                LdapDirectory startUntrusted = LdapDirectory.open(config(slapd.url(), "ldap.start_tls=true",
                        "ldap.ca_file=" + certs.otherCaCert()))) {
            assertThat(untrusted.authenticate("jdoe", "Passw0rd!").outcome())
                    .isEqualTo(LdapDirectory.Outcome.UNAVAILABLE);
            assertThat(startUntrusted.authenticate("jdoe", "Passw0rd!").outcome())
                    .isEqualTo(LdapDirectory.Outcome.UNAVAILABLE);
        }
    }

    /**
     * UnboundID trusts numeric loopback addresses whatever the certificate names (W3C secure contexts), so the
     * name check is proven by host name: a server whose certificate names wrong.example.org, reached as
     * localhost, is refused, and accepted with the check turned off.
     */
    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        try (Slapd wrong = Slapd.start(dir.resolve("slapd-wrong-name"), certs, true);
                LdapDirectory checked = LdapDirectory.open(config(wrong.ldapsUrlByName("localhost"),
                        "ldap.ca_file=" + certs.caCert()));
                LdapDirectory unchecked = LdapDirectory.open(config(wrong.ldapsUrlByName("localhost"),
                        "ldap.ca_file=" + certs.caCert(), "ldap.verify_hostname=false"))) {
            LdapDirectory.Result r = checked.authenticate("jdoe", "Passw0rd!");
            assertThat(r.outcome()).isEqualTo(LdapDirectory.Outcome.UNAVAILABLE);
            assertThat(r.detail()).contains("localhost");
            assertThat(unchecked.authenticate("jdoe", "Passw0rd!").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
        }
    }

    @Test
    void aServerThatIsDownIsUnavailableNotABadPassword() throws Exception {
        try (LdapDirectory ldap = LdapDirectory.open(config("ldap://127.0.0.1:1", "ldap.connect_timeout_ms=500"))) {
            LdapDirectory.Result r = ldap.authenticate("jdoe", "Passw0rd!");
            assertThat(r.outcome()).isEqualTo(LdapDirectory.Outcome.UNAVAILABLE);
            assertThat(ldap.lastError()).isNotEmpty();
        }
    }

    @Test
    void failoverToTheNextServer() throws Exception {
        try (LdapDirectory ldap = LdapDirectory.open(config("ldap://127.0.0.1:1," + slapd.url(),
                "ldap.connect_timeout_ms=500"))) {
            assertThat(ldap.authenticate("jdoe", "Passw0rd!").outcome()).isEqualTo(LdapDirectory.Outcome.OK);
        }
    }

    @Test
    void theCheckCommandReportsWhatItFoundWithoutThePassword() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean ok = new LdapCheck(config(slapd.ldapsUrl(), "ldap.ca_file=" + certs.caCert()),
                new PrintStream(buf, true, StandardCharsets.UTF_8)).run("ASmith", "other");
        String report = buf.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(report).isTrue();
        assertThat(report).contains("ok   connect 127.0.0.1:", "ok   tls TLSv1.", "CN=localhost",
                "ok   service bind as 'cn=svc,dc=example,dc=org'", "ok   base_dn", "dn='uid=asmith,ou=people,dc=example,dc=org'",
                "mail=asmith@example.org", "ok   user bind", "RESULT ok").doesNotContain("other'").doesNotContain("svcpass");
        buf.reset();
        boolean bad = new LdapCheck(config(slapd.url(), "ldap.bind_password=wrong"),
                new PrintStream(buf, true, StandardCharsets.UTF_8)).run(null, null);
        assertThat(bad).isFalse();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("FAIL", "invalid credentials", "RESULT failed");
    }
}
