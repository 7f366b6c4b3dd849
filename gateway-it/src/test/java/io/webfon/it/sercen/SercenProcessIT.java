package io.webfon.it.sercen;

import static io.webfon.sercen.testing.RestClient.admin;
import static io.webfon.sercen.testing.RestClient.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import io.webfon.sercen.testing.Await;
import io.webfon.sercen.testing.Databases;
import io.webfon.sercen.testing.Peers;
import io.webfon.sercen.testing.RestClient;
import io.webfon.sercen.testing.RestClient.Reply;
import io.webfon.sercen.testing.TestConfigs;
import java.io.File;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sercen-auth as its own process, from the node's jar ({@code java -jar webfon-gateway.jar sercen run}): it serves
 * logins and its status port, stops cleanly on SIGTERM (exit 0). With the real MariaDB server as the shared
 * database, a node in {@code sercen.mode=external} accepts the process's tokens on its Janus API and sees a
 * revocation made there within {@code sercen.token_cache_seconds}. {@code check-config} validates sercen.jcfg too.
 */
class SercenProcessIT {
    @TempDir
    Path dir;

    private static Path jar() {
        String p = System.getProperty("webfon.jar");
        assumeTrue(p != null && Files.isRegularFile(Path.of(p)), "the runnable jar is not built (webfon.jar=" + p
                + "); build it with: mvn -B -DskipTests package -pl gateway-core -am");
        return Path.of(p);
    }

    private Process start(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private String output(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".out")) + Files.readString(dir.resolve(name + ".err"));
    }

    private static String status(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStandaloneProcessServesLoginsAndAnExternalNodeChecksItsTokens() throws Exception {
        try (Databases.Temp db = Databases.mariadb()) {
            int rest = Peers.freePort();
            int statusPort = Peers.freePort();
            Path conf = dir.resolve("sercen.jcfg");
            Files.writeString(conf, TestConfigs.jcfg(dir, List.of("rest.port=" + rest, "status.port=" + statusPort,
                    "database.url=" + db.url(), "database.user=" + db.user())));
            Process p = start("sercen", "sercen", "run", "--config", conf.toString());
            try {
                RestClient api = new RestClient("http://127.0.0.1:" + rest + "/sercen");
                Await.until("the standalone sercen answering", () -> {
                    assertThat(p.isAlive()).as("sercen exited: %s", output("sercen")).isTrue();
                    return api.get("/health", java.util.Map.of()).status() == 200;
                });
                assertThat(status(statusPort)).containsPattern("(?m)^sercen sis ver=\\S+ inic='\\d{8} \\d{6}'")
                        .containsPattern("(?m)^sercen bdd db='mariadb jdbc:mariadb://127.0.0.1:3306/sercen_t_");
                api.call("PUT", "/admin/users/remote", obj("password", "Remote-Pass-1").put("must_change", false),
                        admin(TestConfigs.ADMIN_SECRET));
                Reply login = api.post("/login", obj("user", "remote", "password", "Remote-Pass-1"));
                String token = login.body().path("token").asText();
                try (TestNode node = TestNode.start("general.token_auth=true", "sercen.mode=external",
                        "sercen.config_file=" + conf, "sercen.token_cache_seconds=1")) {
                    assertThat(create(node, token).path("janus").asText()).isEqualTo("success");
                    api.call("DELETE", "/admin/tokens/" + login.body().path("token_id").asText(), null,
                            admin(TestConfigs.ADMIN_SECRET));
                    Await.until("the node seeing the revocation made in the other process", () ->
                            create(node, token).path("error").path("code").asInt() == 403);
                }
            } finally {
                p.destroy();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(p.exitValue()).as(output("sercen")).isZero();
            assertThat(Files.readString(dir.resolve("sercen.log"))).contains("SIS serCen start", "SIS serCen stop")
                    .doesNotContain("Remote-Pass-1").doesNotContain(TestConfigs.ADMIN_SECRET);
        }
    }

    private static JsonNode create(TestNode node, String token) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(node.httpUri()).timeout(Duration.ofSeconds(20))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(Requests.of("create")
                                .put("transaction", JanusWsClient.tx()).put("token", token)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body());
    }

    @Test
    void checkConfigValidatesSercensFileToo() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("sercen.jcfg"), "tokens: { tokenExpira = 5 }\nldap: { enabled = true }\n");
        Process p = start("check", "check-config", "--config-dir", conf.toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output("check")).contains("invalid sercen-auth configuration", "tokens.lifetime", "ldap.url");
        Process help = start("help", "sercen", "--help");
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output("help")).contains("ldap-check", "cleanup", "admin");
    }
}
