package io.webfon.sercen.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why an e-mail could not be sent, as a stable word and a detail for the log with the SMTP server's own answer:
 * the diagnosis the original's {@code code='64/Requested SSL level failed'} line needed. Pure: it reads the
 * exception chain.
 */
public final class SmtpDiagnosis {
    private SmtpDiagnosis() {
    }

    /** The diagnosis: a stable code and a one-line detail (no password, no PIN). */
    public record Finding(String code, String detail) {
    }

    public static Finding of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Finding f = classify(t);
            if (f != null) {
                return f;
            }
        }
        return new Finding("send_failed", oneLine(error));
    }

    private static Finding classify(Throwable t) {
        Finding f = classifySmtp(t);
        return f != null ? f : classifyTransport(t);
    }

    private static Finding classifySmtp(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return new Finding("rejected", "server answered " + e.getReturnCode() + " " + oneLine(e));
        }
        if (t instanceof SMTPAddressFailedException e) {
            return new Finding("recipient_refused", "server answered " + e.getReturnCode() + " " + oneLine(e));
        }
        if (t instanceof SMTPSenderFailedException e) {
            return new Finding("sender_refused", "server answered " + e.getReturnCode() + " " + oneLine(e));
        }
        if (t instanceof AuthenticationFailedException) {
            return new Finding("auth_failed", "authentication refused: " + oneLine(t));
        }
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof MessagingException && msg.contains("starttls is required")) {
            return new Finding("starttls_unavailable", "Requested SSL level failed: the server does not offer"
                    + " STARTTLS (smtp.security = starttls); " + oneLine(t));
        }
        return null;
    }

    private static Finding classifyTransport(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof CertPathValidatorException
                || t instanceof SSLException && msg.contains("certification path")) {
            return new Finding("certificate_untrusted", "the server's certificate is not trusted (smtp.ca_file): "
                    + oneLine(t));
        }
        if (t instanceof SSLException) {
            String hint = msg.contains("unrecognized ssl message") || msg.contains("plaintext")
                    ? "the port does not speak TLS: check smtp.security (smtps_usa) and smtp.port; " : "";
            return new Finding("tls_failed", "Requested SSL level failed: " + hint + oneLine(t));
        }
        if (t instanceof SocketTimeoutException) {
            return new Finding("timeout", "no answer within smtp.timeout_ms: " + oneLine(t));
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return new Finding("connect_failed", "cannot connect: " + oneLine(t));
        }
        return null;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").trim();
    }
}
