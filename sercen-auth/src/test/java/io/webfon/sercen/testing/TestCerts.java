package io.webfon.sercen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private CA and a server certificate for 127.0.0.1/localhost made with Debian's {@code openssl}, for the TLS
 * peers (slapd's LDAPS/StartTLS, aiosmtpd's SMTPS/STARTTLS); a second, unrelated CA to prove that a server the
 * client does not trust is refused; and a certificate of the right CA for another name ({@code wrong.example.org})
 * to prove that host names are checked.
 */
public record TestCerts(Path caCert, Path serverCert, Path serverKey, Path otherCaCert, Path wrongNameCert,
        Path wrongNameKey) {

    public static TestCerts create(Path dir) throws Exception {
        String openssl = Peers.command("openssl", "openssl").toString();
        Files.createDirectories(dir);
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        ok(dir, List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                ca.toString(), "-days", "2", "-subj", "/CN=Webfon Test CA"));
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        ok(dir, List.of(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                csr.toString(), "-subj", "/CN=localhost"));
        Path ext = dir.resolve("san.ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Path cert = dir.resolve("server.pem");
        ok(dir, List.of(openssl, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile",
                ext.toString()));
        Path wrongKey = dir.resolve("wrong.key");
        Path wrongCsr = dir.resolve("wrong.csr");
        ok(dir, List.of(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", wrongKey.toString(), "-out",
                wrongCsr.toString(), "-subj", "/CN=wrong.example.org"));
        Path wrongExt = dir.resolve("wrong.ext");
        Files.writeString(wrongExt, "subjectAltName=DNS:wrong.example.org\n");
        Path wrong = dir.resolve("wrong.pem");
        ok(dir, List.of(openssl, "x509", "-req", "-in", wrongCsr.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-out", wrong.toString(), "-days", "2", "-extfile",
                wrongExt.toString()));
        Path other = dir.resolve("other-ca.pem");
        ok(dir, List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                dir.resolve("other-ca.key").toString(), "-out", other.toString(), "-days", "2", "-subj",
                "/CN=Unrelated CA"));
        return new TestCerts(ca, cert, key, other, wrong, wrongKey);
    }

    private static void ok(Path dir, List<String> cmd) throws Exception {
        Peers.Output o = Peers.run(dir, cmd);
        assertThat(o.exit()).as("%s\n%s", cmd, o.text()).isZero();
    }
}
