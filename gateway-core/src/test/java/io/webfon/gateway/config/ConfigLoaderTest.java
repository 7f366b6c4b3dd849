package io.webfon.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources, precedence, migration aliases and the problems reported for bad configuration. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static List<String> problems(ConfigException e) {
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void embeddedDefaultsListenOnLoopbackOnly() throws Exception {
        GatewayConfig c = ConfigLoader.load(null, Map.of(), Map.of()).config();
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.http().port()).isEqualTo(8088);
        assertThat(c.websockets().port()).isEqualTo(8188);
        assertThat(c.adminHttp().port()).isEqualTo(7088);
        assertThat(c.adminWebsockets().port()).isEqualTo(7188);
        assertThat(c.status().port()).isEqualTo(1122);
        assertThat(c.api().sessionTimeoutSeconds()).isEqualTo(60);
        assertThat(c.log().level()).isEqualTo(4);
        assertThat(c.trustedProxies()).containsExactly("127.0.0.1/32", "::1/128");
    }

    @Test
    void fileThenEnvironmentThenOptionsOverrideEachOther() throws Exception {
        Files.writeString(dir.resolve("gateway.jcfg"), """
                # comment
                general: {
                    session_timeout = 30
                    server_name = "node-a"
                    debug_level = 5
                }
                http: { port = 18088, base_path = "/api/" }
                """);
        GatewayConfig c = ConfigLoader.load(dir, Map.of("general.debug_level", "7"),
                Map.of("WEBFON_GENERAL_SESSION_TIMEOUT", "40", "WEBFON_HOME", "/opt/x", "PATH", "/bin")).config();
        assertThat(c.api().sessionTimeoutSeconds()).isEqualTo(40);
        assertThat(c.api().serverName()).isEqualTo("node-a");
        assertThat(c.log().level()).isEqualTo(7);
        assertThat(c.http().port()).isEqualTo(18088);
        assertThat(c.http().basePath()).isEqualTo("/api");
    }

    @Test
    void badValuesNameFileLineKeyAndRuleAllAtOnce() throws Exception {
        Files.writeString(dir.resolve("gateway.jcfg"), """
                general: {
                    session_timeout = "abc"
                    debug_level = 9
                }
                http: { http = maybe }
                """);
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e)).containsExactlyInAnyOrder(
                        "gateway.jcfg:2: general.session_timeout = \"abc\": must be an integer from 0 to 86400",
                        "gateway.jcfg:3: general.debug_level = \"9\": must be an integer from 0 to 7",
                        "gateway.jcfg:5: http.http = \"maybe\": must be true or false"));
    }

    @Test
    void unknownKeysAreErrorsWithAHint() throws Exception {
        Files.writeString(dir.resolve("gateway.jcfg"), "general: { sesion_timeout = 5 }\nbogus: { x = 1 }\n");
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of("http.prot", "1"), Map.of("WEBFON_HTTP_PROT", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e)).contains(
                        "gateway.jcfg:1: general.sesion_timeout: is not a known key (did you mean general.session_timeout?)",
                        "option --http.prot: http.prot: is not a known key (did you mean http.port?)",
                        "environment variable WEBFON_HTTP_PROT: http.prot: is not a known key (did you mean http.port?)")
                        .anyMatch(p -> p.startsWith("gateway.jcfg:2: bogus.x: is not a known key")));
    }

    @Test
    void syntaxErrorsNameTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("gateway.jcfg"), "general: {\n  session_timeout = \n}}\n");
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e).get(0))
                        .startsWith("gateway.jcfg:").contains("(syntax)"));
    }

    @Test
    void janusFilesOfAnExistingDeploymentAreReadWithWarningsForWhatIsNotUsed() throws Exception {
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                    configs_folder = "/etc/janus"
                    admin_secret = "janusoverlord"
                    session_timeout = 45
                }
                """);
        Files.writeString(dir.resolve("janus.transport.http.jcfg"),
                "general: { port = 28088, base_path = \"/janus\", interface = \"127.0.0.1\", json = \"indented\" }\n"
                        + "admin: { admin_port = 27088 }\n");
        Files.writeString(dir.resolve("janus.transport.websockets.jcfg"), "general: { ws_port = 28188 }\n");
        Files.writeString(dir.resolve("vivait.plugin.webfon.jcfg"),
                "supervision: { hay_spv = true, local_ip = \"0.0.0.0\", puerto_escucha = 11122 }\n"
                        + "sesion: { sesiones_max = 25 }\nmysql: { clave = \"x\" }\n");
        Files.writeString(dir.resolve("gateway.jcfg"), "general: { session_timeout = 50 }\n");
        ConfigLoader.Loaded loaded = ConfigLoader.load(dir, Map.of(), Map.of());
        GatewayConfig c = loaded.config();
        assertThat(c.api().adminSecret()).isEqualTo("janusoverlord");
        assertThat(c.api().sessionTimeoutSeconds()).isEqualTo(50);
        assertThat(c.http().port()).isEqualTo(28088);
        assertThat(c.adminHttp().port()).isEqualTo(27088);
        assertThat(c.websockets().port()).isEqualTo(28188);
        assertThat(c.status().port()).isEqualTo(11122);
        assertThat(c.status().host()).isEqualTo("0.0.0.0");
        assertThat(c.api().maxSessions()).isEqualTo(25);
        assertThat(loaded.warnings()).anyMatch(w -> w.startsWith("janus.jcfg:2: general.configs_folder"))
                .anyMatch(w -> w.contains("general.json")).anyMatch(w -> w.contains("mysql.clave"));
        assertThat(loaded.files()).hasSize(5);
    }

    @Test
    void adminApiMayLeaveLoopbackOnlyWithASecret() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("admin.admin_ip", "0.0.0.0"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e).get(0))
                        .contains("admin.admin_ip").contains("only with general.admin_secret set"));
        GatewayConfig c = ConfigLoader.load(null, Map.of("admin.admin_ip", "0.0.0.0", "general.admin_secret", "x",
                "admin.admin_ws_ip", "::1"), Map.of()).config();
        assertThat(c.adminHttp().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void iceLiteIsAnOptionThatExcludesStunAndTurnServers() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of("nat.ice_lite", "true"), Map.of()).config().media().iceLite())
                .isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("nat.ice_lite", "true", "nat.turn_server",
                "turn.example.net", "nat.stun_server", "stun.example.net"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e))
                        .anyMatch(p -> p.contains("nat.ice_lite") && p.contains("remove nat.turn_server"))
                        .anyMatch(p -> p.contains("nat.ice_lite") && p.contains("remove nat.stun_server")));
    }

    @Test
    void clashingPortsAreReportedByKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("websockets.ws_port", "8088"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e)).anyMatch(p ->
                        p.contains("websockets.ws_port") && p.contains("same address and port as http.port")));
    }

    @Test
    void secretsAreNeverEchoedInProblems() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("general.api_secret", "hunter2",
                "general.trusted_proxies", "not-an-ip"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("hunter2").contains("general.trusted_proxies"));
    }

    @Test
    void interfaceNamesResolveToTheirAddress() throws Exception {
        GatewayConfig c = ConfigLoader.load(null, Map.of("http.ip", "lo"), Map.of()).config();
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("http.ip", "no-such-nic0"), Map.of()))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void missingDirectoryIsAProblem() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(problems(e).get(0))
                        .contains("is not a readable directory"));
    }
}
