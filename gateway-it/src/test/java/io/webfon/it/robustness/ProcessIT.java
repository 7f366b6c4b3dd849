package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as operators run it: the real jar in a child process. Its command line (help, version, usage errors,
 * check-config with the exit codes of docs/configuration.md), a run from a configuration directory holding
 * Janus's own files, the status port, a SIGTERM that tells clients their handles are detached and closes their
 * WebSockets with 1001, and the exit code and FATAL line when a port is taken. Skipped when the jar is not built.
 */
class ProcessIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void helpListsEveryKeyOfTheShippedConfigurationAndExitsZero() throws Exception {
        JarProcess.Result help = JarProcess.run(dir, "help", "--help");
        assertThat(help.exit()).as("%s", help).isZero();
        assertThat(help.stdout()).startsWith("Usage: webfon-gateway");
        List<String> keys = shippedKeys();
        assertThat(keys).as("keys of deploy/conf/gateway.jcfg").contains("general.session_timeout",
                "general.debug_level", "general.log_to_file", "http.port", "websockets.ws_port", "admin.admin_port",
                "status.port");
        for (String key : keys) {
            assertThat(help.stdout()).as("--help lists %s", key).contains("--" + key + "=");
        }
        assertThat(JarProcess.run(dir, "h", "-h").exit()).isZero();
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() throws Exception {
        JarProcess.Result version = JarProcess.run(dir, "version", "--version");
        assertThat(version.exit()).as("%s", version).isZero();
        assertThat(version.stdout()).matches("(?s)webfon-gateway \\S+ \\(built .*\\)\\s*");
    }

    @Test
    void unknownOptionOrCommandExitsTwoWithAHint() throws Exception {
        JarProcess.Result option = JarProcess.run(dir, "option", "--frobnicate");
        assertThat(option.exit()).as("%s", option).isEqualTo(2);
        assertThat(option.stderr()).contains("unknown option --frobnicate").contains("--help");
        JarProcess.Result command = JarProcess.run(dir, "command", "frobnicate");
        assertThat(command.exit()).as("%s", command).isEqualTo(2);
        assertThat(command.stderr()).contains("unknown command frobnicate");
    }

    @Test
    void checkConfigAcceptsTheShippedConfiguration() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("shipped"));
        Files.copy(repo().resolve("deploy/conf/gateway.jcfg"), conf.resolve("gateway.jcfg"));
        JarProcess.Result r = JarProcess.run(dir, "check-ok", "check-config", "--config-dir", conf.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdout()).contains("Configuration OK").contains("gateway.jcfg");
    }

    @Test
    void checkConfigRejectsABadValueNamingFileLineKeyAndRule() throws Exception {
        Path conf = write("bad", "gateway.jcfg", "# a comment\ngeneral: {\n\tdebug_level = 4\n\tsession_timeout = \"abc\"\n}\n");
        JarProcess.Result r = JarProcess.run(dir, "check-bad", "check-config", "--config-dir", conf.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).as("%s", r).contains("gateway.jcfg:4").contains("general.session_timeout")
                .contains("abc").contains("must be an integer from 0 to 86400");
    }

    @Test
    void checkConfigSuggestsTheKeyMeantForAnUnknownOne() throws Exception {
        Path conf = write("typo", "gateway.jcfg", "general: {\n  sesion_timeout = 30\n}\n");
        JarProcess.Result r = JarProcess.run(dir, "check-typo", "check-config", "--config-dir", conf.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).as("%s", r).contains("gateway.jcfg:2").contains("general.sesion_timeout")
                .contains("is not a known key").contains("did you mean general.session_timeout?");
    }

    @Test
    void checkConfigReadsJanusTransportFiles() throws Exception {
        Path conf = write("janus", "janus.transport.http.jcfg", "general: {\n  http = true\n  port = 18080\n}\n");
        JarProcess.Result r = JarProcess.run(dir, "check-janus", "check-config", "--config-dir", conf.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdout()).contains("Configuration OK").contains("janus.transport.http.jcfg");
    }

    /**
     * A run from a directory with Janus's transport files (whose ports must be used) and gateway.jcfg; the status
     * port reports, a WebSocket client holds an echotest handle, then SIGTERM ({@link Process#destroy()} on
     * Linux): the client hears {@code detached} for its handle, the socket closes with 1001, the exit code is 0.
     */
    @Test
    void runHonoursJanusFilesReportsStatusAndStopsCleanlyOnSigterm() throws Exception {
        int http = JarProcess.freePort();
        int ws = JarProcess.freePort();
        int status = JarProcess.freePort();
        Path conf = write("run", "janus.transport.http.jcfg", "general: {\n  http = true\n  port = " + http
                + "\n}\nadmin: {\n  admin_port = " + JarProcess.freePort() + "\n}\n");
        Files.writeString(conf.resolve("janus.transport.websockets.jcfg"), "general: {\n  ws = true\n  ws_port = "
                + ws + "\n}\nadmin: {\n  admin_ws_port = " + JarProcess.freePort() + "\n}\n");
        Path log = dir.resolve("gateway.log");
        Files.writeString(conf.resolve("gateway.jcfg"), "general: {\n  log_to_file = \"" + log
                + "\"\n  log_to_stdout = false\n}\nstatus: {\n  port = " + status + "\n}\n");
        try (JarProcess node = JarProcess.start(dir, "run", "--config-dir", conf.toString())) {
            List<String> lines = awaitStatus(node, status);
            assertThat(lines).as("status port").anyMatch(l -> l.matches("gateway base ver=\\S+ .*"));
            assertThat(NodeChecks.statusValue(lines, "sessions", "cur")).as("%s", lines).isEqualTo("0");
            assertThat(NodeChecks.statusValue(lines, "handles", "cur")).as("%s", lines).isEqualTo("0");
            assertThat(NodeChecks.statusValue(lines, "transports", "http")).isEqualTo("127.0.0.1:" + http);
            assertThat(NodeChecks.statusValue(lines, "transports", "ws")).isEqualTo("127.0.0.1:" + ws);
            HttpResponse<String> info = new JanusHttpClient(URI.create("http://127.0.0.1:" + http + "/janus"))
                    .get("/info");
            assertThat(Json.parse(info.body()).path("janus").asText()).as("%s", info.body()).isEqualTo("server_info");
            try (JanusWsClient client = JanusWsClient.connect(URI.create("ws://127.0.0.1:" + ws))) {
                long session = client.call(Requests.of("create")).path("data").path("id").asLong();
                long handle = client.call(Requests.attach(session, "janus.plugin.echotest")).path("data").path("id")
                        .asLong();
                List<String> busy = NodeChecks.statusLines(status);
                assertThat(NodeChecks.statusValue(busy, "sessions", "cur")).as("%s", busy).isEqualTo("1");
                assertThat(NodeChecks.statusValue(busy, "handles", "cur")).as("%s", busy).isEqualTo("1");

                node.process().destroy();
                JsonNode detached = client.awaitEvent("detached", Duration.ofSeconds(30));
                assertThat(detached.path("session_id").asLong()).isEqualTo(session);
                assertThat(detached.path("sender").asLong()).isEqualTo(handle);
                assertThat(client.awaitClose(Duration.ofSeconds(30))).as("close status").isEqualTo(1001);
            }
            assertThat(node.awaitExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isZero();
        }
        String text = Files.readString(log);
        assertThat(text).contains("Got SIGTERM, stopping").contains("Gateway stopped");
        assertThat(NodeChecks.errorLines(log)).as("ERR/FATAL lines").isEmpty();
    }

    @Test
    void portInUseExitsThreeWithAFatalLineNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            JarProcess.Result r = JarProcess.run(dir, "busy", "--http.port=" + port,
                    "--websockets.ws_port=" + JarProcess.freePort(), "--admin.admin_port=" + JarProcess.freePort(),
                    "--admin.admin_ws_port=" + JarProcess.freePort(), "--status.port=" + JarProcess.freePort());
            assertThat(r.exit()).as("%s", r).isEqualTo(3);
            Matcher fatal = Pattern.compile("(?m)^\\[\\d{8} \\d{6}\\] \\[FATAL\\] (.*)$").matcher(r.all());
            assertThat(fatal.find()).as("a FATAL line in %s", r).isTrue();
            assertThat(fatal.group(1)).contains("cannot listen").contains("127.0.0.1:" + port).contains("http.port");
        }
    }

    /** Waits (bounded) until the status port answers, failing early if the node exited. */
    /**
     * The shipped launcher picks the collector: Shenandoah where this JVM has it (Debian's OpenJDK does), the serial
     * collector where asked (WEBFON_GC=serial); the status port says which one runs. A wrong WEBFON_GC stops the
     * launcher before any JVM starts.
     */
    @Test
    void theLauncherChoosesTheCollectorAndTheStatusPortNamesIt() throws Exception {
        boolean shenandoah = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseShenandoahGC", "-version").redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        assertThat(collectorUnderLauncher("auto", Map.of())).isEqualTo(shenandoah ? "shenandoah" : "serial");
        assertThat(collectorUnderLauncher("serial", Map.of("WEBFON_GC", "serial"))).isEqualTo("serial");

        try (JarProcess bad = JarProcess.launch(repo(), dir, "gc-bad", Map.of("WEBFON_GC", "fastest"), "--version")) {
            assertThat(bad.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(bad.stderr()).contains("WEBFON_GC must be auto, serial or shenandoah, not 'fastest'");
        }
    }

    private String collectorUnderLauncher(String name, Map<String, String> env) throws Exception {
        int status = JarProcess.freePort();
        try (JarProcess node = JarProcess.launch(repo(), dir, "gc-" + name, env, "--http.port=0",
                "--websockets.ws_port=0", "--admin.admin_port=0", "--admin.admin_ws_port=0",
                "--status.port=" + status, "--general.state_dir=" + dir.resolve("state-" + name),
                "--media.warm_up=false")) {
            List<String> lines = awaitStatus(node, status);
            assertThat(NodeChecks.statusValue(lines, "jvm", "gc_pauses")).as("%s", lines).matches("\\d+");
            return NodeChecks.statusValue(lines, "jvm", "gc");
        }
    }

    private static List<String> awaitStatus(JarProcess node, int port) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            if (!node.process().isAlive()) {
                throw new AssertionError("the node exited with " + node.process().exitValue() + ":\n"
                        + node.stdout() + node.stderr());
            }
            try {
                return NodeChecks.statusLines(port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("status port " + port + " not answering within " + START, notYet);
                }
                NodeChecks.pause();
            }
        }
    }

    private Path write(String sub, String file, String content) throws IOException {
        Path conf = Files.createDirectories(dir.resolve(sub));
        Files.writeString(conf.resolve(file), content);
        return conf;
    }

    private static Path repo() {
        return Path.of(System.getProperty("webfon.repo", "..")).toAbsolutePath().normalize();
    }

    /** section.key of every key the shipped sample configuration sets. */
    private static List<String> shippedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        String section = null;
        Pattern open = Pattern.compile("^(\\w+): \\{\\s*$");
        Pattern key = Pattern.compile("^\\s+(\\w+) = .*$");
        for (String line : Files.readAllLines(repo().resolve("deploy/conf/gateway.jcfg"))) {
            Matcher m = open.matcher(line);
            Matcher k = key.matcher(line);
            if (m.matches()) {
                section = m.group(1);
            } else if (k.matches() && section != null) {
                keys.add(section + "." + k.group(1));
            }
        }
        return keys;
    }
}
