package io.webfon.sercen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.sercen.net.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, sources and precedence, serCen.conf aliases, and errors that name file, line, key and rule. */
class SercenConfigLoaderTest {
    @TempDir
    Path dir;

    private static String problems(Throwable e) {
        return ((ConfigException) e).problems().toString();
    }

    @Test
    void defaultsAreSafeAndMatchTheOriginal() throws Exception {
        SercenConfig c = SercenConfigLoader.load(null, null, Map.of(), Map.of("HOME", "/home/x")).config();
        assertThat(c.rest().host()).isEqualTo("127.0.0.1");
        assertThat(c.rest().port()).isEqualTo(7669);
        assertThat(c.rest().basePath()).isEqualTo("/sercen");
        assertThat(c.status().port()).isEqualTo(1125);
        assertThat(c.tokens().lifetimeSeconds()).isEqualTo(3600);
        assertThat(c.tokens().cleanupAfterDays()).isEqualTo(15);
        assertThat(c.tokens().cleanupBatch()).isEqualTo(100);
        assertThat(c.twoFactor().pinExpirySeconds()).isEqualTo(600);
        assertThat(c.twoFactor().pinMaxAttempts()).isEqualTo(5);
        assertThat(c.passwords().validityDays()).isEqualTo(90);
        assertThat(c.general().adminEnabled()).isFalse();
        assertThat(c.general().dataDir()).isEqualTo(Path.of("/home/x/.webfon"));
        assertThat(c.ldap().userFilter()).isEqualTo("(sAMAccountName={user})");
        assertThat(c.database().url()).isEmpty();
    }

    @Test
    void systemdStateDirectoryIsTheDefaultDataDirectory() throws Exception {
        SercenConfig c = SercenConfigLoader.load(null, null, Map.of(), Map.of("STATE_DIRECTORY", "/var/lib/webfon"))
                .config();
        assertThat(c.general().dataDir()).isEqualTo(Path.of("/var/lib/webfon"));
        assertThat(c.general().keyFile()).isEqualTo(Path.of("/var/lib/webfon/sercen.key"));
    }

    @Test
    void anExistingSerCenConfIsReadWithItsDocumentedNames() throws Exception {
        Files.writeString(dir.resolve("serCen.conf"), """
                ws_implementacion: {
                    smtps_usa = true
                    smtp_host = "correoejemplo.mdnova.local"
                    smtp_puerto = 0
                    smtp_usuario = "vivait"
                    smtp_clave = "s3cret"
                    f1factor_00_ip = "172.25.0.0"
                    f1factor_00_msk = "255.255.0.0"
                    f1factor_01_ip = ""
                    f1factor_01_msk = ""
                    f1factor_02_ip = "10.1.2.3"
                    f1factor_02_msk = "255.255.255.255"
                    clave_caduca_dias = 10
                    pinExpira = 300
                    pinIntentosMax = 3
                    tokenExpira = 7200
                    vivait_meet_dnis = "9999"
                }
                """);
        SercenConfigLoader.Loaded l = SercenConfigLoader.load(dir, null, Map.of(), Map.of());
        SercenConfig c = l.config();
        assertThat(c.smtp().security()).isEqualTo("smtps");
        assertThat(c.smtp().effectivePort()).isEqualTo(465);
        assertThat(c.smtp().host()).isEqualTo("correoejemplo.mdnova.local");
        assertThat(c.smtp().user()).isEqualTo("vivait");
        assertThat(c.smtp().password()).isEqualTo("s3cret");
        assertThat(c.twoFactor().trustedNetworks()).containsExactly(Cidr.parse("172.25.0.0/16"),
                Cidr.parse("10.1.2.3/32"));
        assertThat(c.passwords().changeGraceDays()).isEqualTo(10);
        assertThat(c.twoFactor().pinExpirySeconds()).isEqualTo(300);
        assertThat(c.twoFactor().pinMaxAttempts()).isEqualTo(3);
        assertThat(c.tokens().lifetimeSeconds()).isEqualTo(7200);
        assertThat(l.warnings()).singleElement().asString().contains("serCen.conf:17", "vivait_meet_dnis", "ignored");
        assertThat(c.smtp().toString()).doesNotContain("s3cret");
    }

    @Test
    void sercenJcfgWinsOverSerCenConfAndAcceptsTheOldNamesToo() throws Exception {
        Files.writeString(dir.resolve("serCen.conf"), "pinExpira = 300\n");
        Files.writeString(dir.resolve("sercen.jcfg"), """
                two_factor: {
                    pin_expiry = 120
                    trusted_networks = ["192.168.0.0/16"]
                    f1factor_00_ip = "10.0.0.0"
                    f1factor_00_msk = "255.0.0.0"
                }
                tokens: { cleanup_at = "04:15" }
                smtp: { smtps_usa = false }
                """);
        SercenConfig c = SercenConfigLoader.load(dir, null, Map.of(), Map.of("SERCEN_TOKENS_LIFETIME", "900"))
                .config();
        assertThat(c.twoFactor().pinExpirySeconds()).isEqualTo(120);
        assertThat(c.twoFactor().trustedNetworks()).containsExactly(Cidr.parse("192.168.0.0/16"),
                Cidr.parse("10.0.0.0/8"));
        assertThat(c.tokens().cleanupAt()).isEqualTo(LocalTime.of(4, 15));
        assertThat(c.tokens().lifetimeSeconds()).isEqualTo(900);
        assertThat(c.smtp().security()).isEqualTo("none");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndKeyAndNoSecret() throws Exception {
        Files.writeString(dir.resolve("sercen.jcfg"), """
                tokens: {
                    lifetme = 60
                    lifetime = 5
                }
                smtp: { security = "ssl", password = "hunter2" }
                ldap: { enabled = true }
                general: { admin_secret = "short" }
                """);
        assertThatThrownBy(() -> SercenConfigLoader.load(dir, null, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(problems(e))
                        .contains("sercen.jcfg:2: tokens.lifetme: is not a known key (did you mean tokens.lifetime?)")
                        .contains("sercen.jcfg:3: tokens.lifetime = \"5\": must be an integer from 60 to 604800")
                        .contains("smtp.security = \"ssl\": must be one of none, starttls, smtps")
                        .contains("ldap.url").contains("ldap.base_dn")
                        .contains("general.admin_secret = \"(secret)\": must be at least 12 characters long")
                        .doesNotContain("hunter2").doesNotContain("short\""));
    }

    @Test
    void badTrustedNetworksAndF1factorPairsAreErrors() throws Exception {
        Files.writeString(dir.resolve("serCen.conf"), "f1factor_00_ip = \"172.25.0.0\"\nf1factor_00_msk = \"255.0.255.0\"\n");
        assertThatThrownBy(() -> SercenConfigLoader.load(dir, null, Map.of("two_factor.trusted_networks", "10.0.0.0/40"),
                Map.of())).satisfies(e -> assertThat(problems(e)).contains("f1factor_00_ip/_msk", "contiguous",
                "two_factor.trusted_networks"));
    }

    @Test
    void aGivenFileMustExistAndUnknownOptionsAreErrors() {
        assertThatThrownBy(() -> SercenConfigLoader.load(null, dir.resolve("nope.jcfg"), Map.of(), Map.of()))
                .satisfies(e -> assertThat(problems(e)).contains("nope.jcfg", "does not exist"));
        assertThatThrownBy(() -> SercenConfigLoader.load(null, null, Map.of("rest.prot", "1"), Map.of()))
                .satisfies(e -> assertThat(problems(e)).contains("did you mean rest.port?"));
    }

    @Test
    void syntaxErrorsNameTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("sercen.jcfg"), "rest: {\n port = \n");
        assertThatThrownBy(() -> SercenConfigLoader.load(dir, null, Map.of(), Map.of()))
                .satisfies(e -> assertThat(problems(e)).contains("sercen.jcfg:").contains("(syntax)"));
    }
}
