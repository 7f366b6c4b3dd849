package io.webfon.sercen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Debian's OpenLDAP {@code slapd}, started by the test from the verified recipe (TEST-PEERS.md section 4): a
 * private directory, an offline {@code slapadd} of the entries, {@code slapd -d 0} in the foreground on free
 * loopback ports (plain, and LDAPS/StartTLS when a certificate is given). Users carry {@code sAMAccountName} from
 * the 6-line AD-compat schema; the service account {@code cn=svc,dc=example,dc=org} / {@code svcpass} may search.
 */
public final class Slapd implements AutoCloseable {
    public static final String BASE_DN = "ou=people,dc=example,dc=org";
    public static final String SVC_DN = "cn=svc,dc=example,dc=org";
    public static final String SVC_PASSWORD = "svcpass";

    /** A directory user: uid (the DN's RDN), sAMAccountName, password and mail. */
    public record User(String uid, String samAccountName, String password, String mail) {
    }

    /** The verified recipe's users, plus a few for the tests' modes. */
    public static final List<User> USERS = List.of(
            new User("jdoe", "jdoe", "Passw0rd!", "jdoe@example.org"),
            new User("asmith", "ASmith", "other", "asmith@example.org"),
            new User("carol", "carol", "Carol-Ldap-7", "carol@example.org"),
            new User("dave", "dave", "Dave-Ldap-8", "dave@example.org"),
            new User("erin", "erin", "Erin-Ldap-9", "erin@example.org"));

    private final Process process;
    private final int port;
    private final int ldapsPort;
    private final Path dir;

    private Slapd(Process process, int port, int ldapsPort, Path dir) {
        this.process = process;
        this.port = port;
        this.ldapsPort = ldapsPort;
        this.dir = dir;
    }

    /** Starts slapd with {@link #USERS}; {@code certs} adds LDAPS and StartTLS, or null for plain LDAP only. */
    public static Slapd start(Path dir, TestCerts certs) throws Exception {
        return start(dir, certs, false);
    }

    /** Like {@link #start(Path, TestCerts)}, serving the certificate for the wrong name when asked. */
    public static Slapd start(Path dir, TestCerts certs, boolean wrongName) throws Exception {
        Path slapd = Peers.command("slapd", "slapd");
        Path slapadd = Peers.command("slapadd", "slapd");
        Files.createDirectories(dir.resolve("db"));
        copy("ad-compat.schema", dir.resolve("ad-compat.schema"));
        String tls = certs == null ? "" : "TLSCACertificateFile " + certs.caCert() + "\nTLSCertificateFile "
                + (wrongName ? certs.wrongNameCert() : certs.serverCert()) + "\nTLSCertificateKeyFile "
                + (wrongName ? certs.wrongNameKey() : certs.serverKey());
        Files.writeString(dir.resolve("slapd.conf"), resource("slapd.conf.tmpl").replace("@DIR@", dir.toString())
                .replace("@TLS@", tls));
        Files.writeString(dir.resolve("data.ldif"), resource("data.ldif.tmpl")
                .replace("@SVC_HASH@", ssha(SVC_PASSWORD)).replace("@USERS@", entries()));
        Peers.Output load = Peers.run(dir, List.of(slapadd.toString(), "-f", dir.resolve("slapd.conf").toString(),
                "-l", dir.resolve("data.ldif").toString()));
        assertThat(load.exit()).as("slapadd: %s", load.text()).isZero();
        for (int attempt = 0; ; attempt++) {
            int port = Peers.freePort();
            int ldaps = certs == null ? -1 : Peers.freePort();
            String urls = "ldap://127.0.0.1:" + port + "/" + (certs == null ? ""
                    : " ldaps://127.0.0.1:" + ldaps + "/");
            Process p = new ProcessBuilder(slapd.toString(), "-h", urls, "-f", dir.resolve("slapd.conf").toString(),
                    "-d", "0").redirectErrorStream(true).redirectOutput(dir.resolve("slapd.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Slapd s = new Slapd(p, port, ldaps, dir);
            try {
                Await.until("slapd answering on " + urls, Duration.ofSeconds(15), () -> {
                    if (!p.isAlive()) {
                        throw new IOException("slapd exited: " + Files.readString(dir.resolve("slapd.out")));
                    }
                    try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
                        return c.isConnected();
                    }
                });
                return s;
            } catch (AssertionError e) {
                s.close();
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static String entries() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (User u : USERS) {
            sb.append("dn: uid=").append(u.uid()).append(',').append(BASE_DN).append('\n')
                    .append("objectClass: inetOrgPerson\nobjectClass: adCompatUser\n")
                    .append("uid: ").append(u.uid()).append('\n')
                    .append("sAMAccountName: ").append(u.samAccountName()).append('\n')
                    .append("cn: ").append(u.uid()).append('\n').append("sn: ").append(u.uid()).append('\n')
                    .append("mail: ").append(u.mail()).append('\n')
                    .append("userPassword: ").append(ssha(u.password())).append("\n\n");
        }
        return sb.toString();
    }

    /** RFC 2307 {SSHA}: base64(SHA-1(password + salt) + salt), what slappasswd makes. */
    static String ssha(String password) throws Exception {
        byte[] salt = new byte[8];
        new SecureRandom().nextBytes(salt);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        sha1.update(salt);
        byte[] digest = sha1.digest();
        byte[] all = new byte[digest.length + salt.length];
        System.arraycopy(digest, 0, all, 0, digest.length);
        System.arraycopy(salt, 0, all, digest.length, salt.length);
        return "{SSHA}" + Base64.getEncoder().encodeToString(all);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Slapd.class.getResourceAsStream("/sercen-testing/ldap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        Files.writeString(to, resource(name));
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + ldapsPort;
    }

    /** The LDAPS listener by another host name, e.g. {@code localhost}. */
    public String ldapsUrlByName(String host) {
        return "ldaps://" + host + ":" + ldapsPort;
    }

    public int port() {
        return port;
    }

    /** sercen.jcfg lines pointing at this server (ldap section), for the given URL. */
    public List<String> config(String url) {
        List<String> l = new ArrayList<>();
        l.add("ldap.enabled=true");
        l.add("ldap.url=" + url);
        l.add("ldap.bind_dn=" + SVC_DN);
        l.add("ldap.bind_password=" + SVC_PASSWORD);
        l.add("ldap.base_dn=" + BASE_DN);
        return l;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        Peers.stop(process);
    }
}
