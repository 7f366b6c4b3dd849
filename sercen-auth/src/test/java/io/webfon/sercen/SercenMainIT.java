package io.webfon.sercen;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.testing.Slapd;
import io.webfon.sercen.testing.TestConfigs;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line ({@code webfon-gateway sercen ...}) run in-process: check-config, the LDAP check against a real
 * slapd (conexion_ldap.sh), the admin commands against a running service over HTTP, the cleanup by hand.
 */
class SercenMainIT {
    @TempDir
    static Path dir;
    private static Slapd slapd;
    private static SercenServer server;
    private static Path confDir;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), null);
        confDir = Files.createDirectories(dir.resolve("conf"));
        List<String> s = new ArrayList<>(slapd.config(slapd.url()));
        Files.writeString(confDir.resolve("sercen.jcfg"), TestConfigs.jcfg(dir, s));
        server = SercenServer.start(TestConfigs.config(dir, s), null, Clock.systemDefaultZone());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SercenMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                new BufferedReader(new StringReader(stdin))).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] withConf(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--config-dir", confDir.toString(), "--rest.port=" + server.restPort()));
        return a.toArray(String[]::new);
    }

    @Test
    void helpVersionAndUsageErrors() {
        assertThat(run("", "--help").out()).contains("ldap-check", "cleanup", "admin", "totp-reset");
        assertThat(run("", "version").out()).startsWith("sercen-auth ");
        Run bad = run("", "frobnicate");
        assertThat(bad.exit()).isEqualTo(SercenMain.USAGE);
        assertThat(bad.err()).contains("unknown command 'frobnicate'");
        assertThat(run("", "run", "--nope").exit()).isEqualTo(SercenMain.USAGE);
    }

    @Test
    void checkConfigReportsEveryProblem() throws Exception {
        assertThat(run("", withConf("check-config")).out()).contains("Configuration OK");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("sercen.jcfg"), "tokens: { lifetime = 1 }\nrest: { prot = 1 }\n");
        Run r = run("", "check-config", "--config-dir", broken.toString());
        assertThat(r.exit()).isEqualTo(SercenMain.CONFIG_INVALID);
        assertThat(r.err()).contains("sercen.jcfg:1: tokens.lifetime", "sercen.jcfg:2: rest.prot");
    }

    @Test
    void ldapCheckLikeConexionLdap() {
        Run ok = run("Passw0rd!\n", withConf("ldap-check", "jdoe", "--password-stdin"));
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("ok   connect", "ok   service bind", "dn='uid=jdoe,ou=people,dc=example,dc=org'",
                "ok   user bind", "RESULT ok").doesNotContain("Passw0rd!");
        Run bad = run("wrong\n", withConf("ldap-check", "jdoe", "--password-stdin"));
        assertThat(bad.exit()).isEqualTo(SercenMain.FAILED);
        assertThat(bad.out()).contains("FAIL user bind: bad_password");
    }

    @Test
    void adminCommandsDriveTheRunningService() throws Exception {
        Run set = run("Cli-Pass-123\n", withConf("admin", "user-set", "cliuser", "email=cli@example.org",
                "second_factor=totp", "must_change=false", "--password-stdin"));
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("\"user\" : \"cliuser\"", "\"password_set\" : true").doesNotContain("Cli-Pass");
        Path png = dir.resolve("cliuser.png");
        Run totp = run("", withConf("admin", "totp-reset", "cliuser", "--png", png.toString()));
        assertThat(totp.exit()).isZero();
        assertThat(totp.out()).contains("otpauth://totp/Webfon:cliuser").doesNotContain("qr_png_base64");
        assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P');
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
        assertThat(run("", withConf("admin", "users")).out()).contains("cliuser");
        Run ext = run("sip-secret\n", withConf("admin", "extension-set", "5001", "pool=cli", "--password-stdin"));
        assertThat(ext.out()).contains("\"sip_password_set\" : true").doesNotContain("sip-secret");
        assertThat(run("", withConf("admin", "pools")).out()).contains("\"pool\" : \"cli\"");
        assertThat(run("", withConf("admin", "tokens", "--all")).exit()).isZero();
        Run missing = run("", withConf("admin", "user", "nobody"));
        assertThat(missing.exit()).isEqualTo(SercenMain.FAILED);
        assertThat(missing.out()).contains("not_found");
        assertThat(run("", withConf("admin", "cleanup")).out()).contains("\"removed\"");
    }

    @Test
    void cleanupByHandOnItsOwnDatabase() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Run r = run("", "cleanup", "--general.data_dir=" + other.resolve("data"), "--general.log_to_stdout=false",
                "--general.log_to_file=" + other.resolve("sercen.log"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("removed 0 token(s)");
        assertThat(Files.readString(other.resolve("sercen.log"))).contains("ESC escobaToken removed=0", "trigger=cli");
    }
}
