package io.webfon.sercen.mail;

import io.webfon.sercen.config.SercenConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends e-mailed PINs through the configured SMTP server (Jakarta Mail, Angus): plain SMTP, SMTP with STARTTLS
 * required, or SMTPS (TLS from the first byte); server certificates checked against the configured CAs (or the
 * JVM's) and the host name; connect, read and write timeouts. A failed send returns a {@link SmtpDiagnosis}
 * finding, which the caller logs with the server's answer.
 */
public final class PinMailer {
    /** The outcome of one send. */
    public record Outcome(boolean sent, SmtpDiagnosis.Finding failure) {
    }

    private final SercenConfig.Smtp config;
    private final Session session;
    private final String protocol;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastError = "";

    public PinMailer(SercenConfig.Smtp config) throws GeneralSecurityException, IOException {
        this.config = config;
        this.protocol = config.security().equals("smtps") ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(config, protocol));
    }

    private static Properties properties(SercenConfig.Smtp c, String protocol)
            throws GeneralSecurityException, IOException {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", c.host());
        p.put(prefix + "port", Integer.toString(c.effectivePort()));
        p.put(prefix + "connectiontimeout", Integer.toString(c.timeoutMs()));
        p.put(prefix + "timeout", Integer.toString(c.timeoutMs()));
        p.put(prefix + "writetimeout", Integer.toString(c.timeoutMs()));
        p.put(prefix + "auth", Boolean.toString(!c.user().isEmpty()));
        p.put(prefix + "from", c.from());
        p.put(prefix + "ssl.checkserveridentity", Boolean.toString(c.verifyHostname()));
        if (c.security().equals("starttls")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (!c.caFile().isEmpty()) {
            p.put(prefix + "ssl.socketFactory", trusting(c.caFile()).getSocketFactory());
        }
        return p;
    }

    /** An SSL context trusting exactly the certificates of a PEM file. */
    static SSLContext trusting(String pemFile) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = new FileInputStream(pemFile)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Sends a PIN; blocks for at most a few timeouts. */
    public Outcome send(String to, String pin, int validSeconds) {
        inFlight.incrementAndGet();
        try {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(new InternetAddress(config.from()));
            msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            msg.setSubject(config.subject(), "UTF-8");
            msg.setSentDate(new Date());
            msg.setText("Your access PIN is " + pin + "\n\nIt is valid for " + Math.max(1, validSeconds / 60)
                    + " minute(s). If you did not try to log in, tell your administrator.\n", "UTF-8");
            try (Transport t = session.getTransport(protocol)) {
                t.connect(config.host(), config.effectivePort(), config.user().isEmpty() ? null : config.user(),
                        config.user().isEmpty() ? null : config.password());
                t.sendMessage(msg, msg.getAllRecipients());
            }
            sent.incrementAndGet();
            return new Outcome(true, null);
        } catch (MessagingException | RuntimeException e) {
            failed.incrementAndGet();
            SmtpDiagnosis.Finding f = SmtpDiagnosis.of(e);
            lastError = f.code();
            return new Outcome(false, f);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Where mail goes, for logs: host, port, security, user (no password). */
    public String describe() {
        return "server='" + config.host() + ":" + config.effectivePort() + "' security=" + config.security()
                + " user='" + config.user() + "'";
    }

    /** Figures for the status port: sends in flight, sent, failed. */
    public long[] stats() {
        return new long[] {inFlight.get(), sent.get(), failed.get()};
    }

    public String lastError() {
        return lastError;
    }
}
