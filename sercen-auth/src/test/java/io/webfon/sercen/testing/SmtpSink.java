package io.webfon.sercen.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real SMTP server receiving the PIN mails: Debian's {@code python3-aiosmtpd} with its Maildir handler (one
 * file per message in {@code maildir/new}, TEST-PEERS.md section 5), plain, with STARTTLS, or SMTPS when given a
 * certificate. The test reads the message the service sent and types the PIN back.
 */
public final class SmtpSink implements AutoCloseable {
    /** How the sink speaks: plain SMTP, STARTTLS offered (and required), or TLS from the first byte. */
    public enum Mode { PLAIN, STARTTLS, SMTPS }

    private static final Pattern PIN = Pattern.compile("PIN is (\\d{4,10})");

    private final Process process;
    private final int port;
    private final Path maildir;

    private SmtpSink(Process process, int port, Path maildir) {
        this.process = process;
        this.port = port;
        this.maildir = maildir;
    }

    public static SmtpSink start(Path dir, Mode mode, TestCerts certs) throws Exception {
        Files.createDirectories(dir);
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || Peers.run(dir, List.of(python.toString(), "-c", "import aiosmtpd")).exit() != 0) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false,
                    "python3-aiosmtpd is not installed (Debian package python3-aiosmtpd)");
        }
        Path maildir = dir.resolve("maildir");
        int port = Peers.freePort();
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", "-m", "aiosmtpd", "-n", "-l",
                "127.0.0.1:" + port));
        if (mode == Mode.STARTTLS) {
            cmd.addAll(List.of("--tlscert", certs.serverCert().toString(), "--tlskey", certs.serverKey().toString()));
        } else if (mode == Mode.SMTPS) {
            cmd.addAll(List.of("--smtpscert", certs.serverCert().toString(), "--smtpskey",
                    certs.serverKey().toString()));
        }
        cmd.addAll(List.of("-c", "aiosmtpd.handlers.Mailbox", maildir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("aiosmtpd-" + port + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        SmtpSink sink = new SmtpSink(p, port, maildir);
        Await.until("aiosmtpd listening on 127.0.0.1:" + port, Duration.ofSeconds(15), () -> {
            if (!p.isAlive()) {
                throw new IOException("aiosmtpd exited");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        });
        return sink;
    }

    public int port() {
        return port;
    }

    /** Every message received so far, as text. */
    public List<String> messages() throws IOException {
        Path dir = maildir.resolve("new");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** Waits for a message to {@code to} beyond the first {@code seen} ones, and returns the PIN it carries. */
    public String awaitPin(String to, int seen) throws Exception {
        String[] pin = new String[1];
        Await.until("a PIN mail to " + to, () -> {
            List<String> all = messages();
            for (String m : all.subList(Math.min(seen, all.size()), all.size())) {
                Matcher mm = PIN.matcher(m);
                if (m.contains(to) && mm.find()) {
                    pin[0] = mm.group(1);
                    return true;
                }
            }
            return false;
        });
        return pin[0];
    }

    @Override
    public void close() {
        Peers.stop(process);
    }
}
