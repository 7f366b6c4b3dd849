package io.webfon.sercen.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.testing.Peers;
import io.webfon.sercen.testing.SmtpSink;
import io.webfon.sercen.testing.TestCerts;
import io.webfon.sercen.testing.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN mails through real SMTP servers (Debian's aiosmtpd, Maildir handler): plain SMTP, STARTTLS and SMTPS with the
 * certificate checked against the configured CA; and every way a send fails, each diagnosed with the server's
 * answer (the original's "Requested SSL level failed" case among them).
 */
class PinMailIT {
    @TempDir
    static Path dir;
    private static TestCerts certs;
    private static SmtpSink plain;
    private static SmtpSink starttls;
    private static SmtpSink smtps;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.create(dir.resolve("certs"));
        plain = SmtpSink.start(dir.resolve("plain"), SmtpSink.Mode.PLAIN, null);
        starttls = SmtpSink.start(dir.resolve("starttls"), SmtpSink.Mode.STARTTLS, certs);
        smtps = SmtpSink.start(dir.resolve("smtps"), SmtpSink.Mode.SMTPS, certs);
    }

    @AfterAll
    static void stop() {
        for (SmtpSink s : new SmtpSink[] {plain, starttls, smtps}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static PinMailer mailer(int port, String security, String... more) throws Exception {
        List<String> s = new ArrayList<>(List.of("smtp.host=127.0.0.1", "smtp.port=" + port,
                "smtp.security=" + security, "smtp.from=webfon@example.org", "smtp.timeout_ms=5000"));
        s.addAll(List.of(more));
        SercenConfig c = TestConfigs.config(dir.resolve("cfg"), s);
        return new PinMailer(c.smtp());
    }

    @Test
    void plainSmtpDeliversThePin() throws Exception {
        int before = plain.messages().size();
        PinMailer.Outcome o = mailer(plain.port(), "none").send("jdoe@example.org", "482913", 600);
        assertThat(o.sent()).isTrue();
        assertThat(plain.awaitPin("jdoe@example.org", before)).isEqualTo("482913");
        String mail = plain.messages().get(before);
        assertThat(mail).contains("Subject: Webfon access PIN", "From: webfon@example.org", "valid for 10 minute(s)");
    }

    @Test
    void starttlsAndSmtpsWithTheServersCa() throws Exception {
        int before = starttls.messages().size();
        assertThat(mailer(starttls.port(), "starttls", "smtp.ca_file=" + certs.caCert(), "smtp.verify_hostname=false")
                .send("asmith@example.org", "111222", 600).sent()).isTrue();
        assertThat(starttls.awaitPin("asmith@example.org", before)).isEqualTo("111222");
        int beforeS = smtps.messages().size();
        assertThat(mailer(smtps.port(), "smtps", "smtp.ca_file=" + certs.caCert()).send("carol@example.org", "333444",
                600).sent()).isTrue();
        assertThat(smtps.awaitPin("carol@example.org", beforeS)).isEqualTo("333444");
    }

    @Test
    void requiredStarttlsThatTheServerDoesNotOfferIsTheOriginalsRequestedSslLevelFailed() throws Exception {
        PinMailer.Outcome o = mailer(plain.port(), "starttls").send("jdoe@example.org", "1", 600);
        assertThat(o.sent()).isFalse();
        assertThat(o.failure().code()).isEqualTo("starttls_unavailable");
        assertThat(o.failure().detail()).contains("Requested SSL level failed");
    }

    @Test
    void tlsToAPlainPortAndPlainToATlsOnlyServerAreDiagnosed() throws Exception {
        PinMailer.Outcome tlsToPlain = mailer(plain.port(), "smtps").send("jdoe@example.org", "1", 600);
        assertThat(tlsToPlain.failure().code()).isEqualTo("tls_failed");
        PinMailer.Outcome plainToStarttls = mailer(starttls.port(), "none").send("jdoe@example.org", "1", 600);
        assertThat(plainToStarttls.failure().code()).isIn("rejected", "sender_refused");
        assertThat(plainToStarttls.failure().detail()).contains("530").containsIgnoringCase("STARTTLS");
    }

    @Test
    void anUntrustedCertificateOrAClosedPortIsDiagnosed() throws Exception {
        PinMailer.Outcome untrusted = mailer(smtps.port(), "smtps", "smtp.ca_file=" + certs.otherCaCert())
                .send("jdoe@example.org", "1", 600);
        assertThat(untrusted.failure().code()).isIn("certificate_untrusted", "tls_failed");
        PinMailer.Outcome jvmTrust = mailer(smtps.port(), "smtps").send("jdoe@example.org", "1", 600);
        assertThat(jvmTrust.sent()).as("a private CA is not in the JVM's trust store").isFalse();
        PinMailer.Outcome closed = mailer(Peers.freePort(), "none").send("jdoe@example.org", "1", 600);
        assertThat(closed.failure().code()).isEqualTo("connect_failed");
        assertThat(closed.failure().detail()).doesNotContain("\n");
    }
}
