package io.webfon.sercen.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Failed sends become stable codes with the server's answer (the original's "Requested SSL level failed"). */
class SmtpDiagnosisTest {
    @Test
    void starttlsRequiredButNotOffered() {
        SmtpDiagnosis.Finding f = SmtpDiagnosis.of(new MessagingException(
                "STARTTLS is required but host does not support STARTTLS"));
        assertThat(f.code()).isEqualTo("starttls_unavailable");
        assertThat(f.detail()).contains("Requested SSL level failed");
    }

    @Test
    void tlsSpokenToAPlainPort() {
        SmtpDiagnosis.Finding f = SmtpDiagnosis.of(new MessagingException("Could not connect to SMTP host",
                new SSLException("Unsupported or unrecognized SSL message")));
        assertThat(f.code()).isEqualTo("tls_failed");
        assertThat(f.detail()).contains("smtps_usa");
    }

    @Test
    void serverAnswersAreKept() {
        assertThat(SmtpDiagnosis.of(new SMTPSendFailedException("DATA", 554, "554 5.7.1 Message rejected\n",
                null, null, null, null)).detail()).contains("554", "5.7.1 Message rejected").doesNotContain("\n");
        assertThat(SmtpDiagnosis.of(new AuthenticationFailedException("535 5.7.8 bad credentials")).code())
                .isEqualTo("auth_failed");
        assertThat(SmtpDiagnosis.of(new MessagingException("x", new ConnectException("Connection refused"))).code())
                .isEqualTo("connect_failed");
        assertThat(SmtpDiagnosis.of(new MessagingException("x", new SocketTimeoutException("Read timed out"))).code())
                .isEqualTo("timeout");
        assertThat(SmtpDiagnosis.of(new MessagingException("odd")).code()).isEqualTo("send_failed");
    }
}
