package io.webfon.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.Commands;
import io.webfon.it.support.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Real WebRTC in a real browser: Debian's {@code chromium}, headless with fake camera and microphone, driven by
 * playwright-core, loads a page whose janus.js (npm {@code janus-gateway}) runs the echotest over WebSocket and
 * over HTTP long polls. Each run must see {@code webrtcup}, the core's {@code media} events for audio and video,
 * getStats() inbound audio and video RTP packets, decoded video frames and audio energy increasing, and the
 * {@code hangup} and {@code detached} events; janus.js must report no error ({@code src/test/browser/}, whose
 * runner judges and prints a summary).
 *
 * <p>Against Debian's janus first, to prove the harness: janus 1.1.2 gathers no candidate on loopback interfaces, so
 * janus and the browser run in a private network namespace ({@code reference-janus-echotest.sh}). Against our node
 * the browser runs here, offering 127.0.0.1 candidates ({@code -Dwebfon.browser.node=false} skips it), in full ICE
 * and ICE-lite mode, and side by side with Janus in its namespace; our runs start once the node's media warm-up is
 * done. All print the medians of offer → webrtcup and offer → first inbound packet per transport; timings are
 * reported, never asserted.
 */
class BrowserEchotestIT {
    private static final String NODE_SWITCH = "webfon.browser.node";
    /** janus.js reporting that a long poll (a GET with maxev) of the session was answered 404. */
    private static final Pattern LONG_POLL_404 = Pattern.compile(
            "janus\\.js: API call failed: API call failed \\(HTTP 404 http://\\S+/janus/\\d+\\?rid=\\d+&maxev=\\d+\\)");

    /** Called first by each test (not in a {@code @BeforeAll}, whose skip reason the failsafe report loses). */
    private static void assumeBrowserInstalled() {
        assumeTrue(Commands.onPath("node"), "node is not installed (apt-get install nodejs): browser tests skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "chromium is not installed (apt-get install chromium): browser tests skipped");
        Path modules = EchotestRunner.browserDir().resolve("node_modules");
        assumeTrue(Files.isDirectory(modules.resolve("playwright-core"))
                        && Files.isDirectory(modules.resolve("janus-gateway")),
                "playwright-core/janus-gateway are not installed: run scripts/install-test-deps.sh "
                        + "(npm ci in gateway-it/src/test/browser)");
    }

    @Test
    void janusJsEchotestInChromiumAgainstDebianJanus() throws Exception {
        assumeBrowserInstalled();
        assumeTrue(Commands.onPath("janus"),
                "Debian's janus is not installed (apt-get install janus): reference skipped");
        assumeTrue(Commands.onPath("ip") && Commands.onPath("unshare"),
                "ip or unshare missing (apt-get install iproute2 util-linux): janus needs a private network "
                        + "namespace for ICE, reference skipped");
        assumeTrue(canUnshareNetwork(), "cannot create a network namespace (needs root or CAP_SYS_ADMIN): janus "
                + "needs one for ICE (it skips loopback interfaces), reference skipped");
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("webfon.repo", "."))
                        .resolve("gateway-it/target/reference-janus")), "browser-");

        EchotestRunner.Outcome outcome = EchotestRunner.againstReferenceJanus(dir);

        report("Debian janus (private netns)", outcome);
        if (!outcome.passed() && onlyLongPoll404s(outcome)) {
            System.out.println("BROWSER ECHOTEST Debian janus: every call went through; janus.js reported only a long"
                    + " poll answered 404 as its session ended (a race of janus 1.1.2, tolerated for the reference)");
            return;
        }
        assertPassed(outcome, "against Debian's janus; its log: " + dir.resolve("janus.log"));
    }

    /**
     * Whether the only failures are janus.js reporting a long poll answered 404. Debian's janus 1.1.2 sometimes
     * answers the poll janus.js has pending when the session is destroyed that way (the session is gone before
     * the poll is answered), seen now and then since the reference runs began (docs/performance.md). Our node's
     * test does not tolerate it: its polls end with the session.
     */
    private static boolean onlyLongPoll404s(EchotestRunner.Outcome outcome) {
        JsonNode summary = outcome.summary();
        if (!outcome.finished() || summary == null || !summary.path("errors").isEmpty()
                || summary.path("timedOut").asBoolean()) {
            return false;
        }
        int tolerated = 0;
        for (JsonNode run : summary.path("runs")) {
            for (JsonNode failure : run.path("failures")) {
                if (!LONG_POLL_404.matcher(failure.asText()).matches()) {
                    return false;
                }
                tolerated++;
            }
        }
        return tolerated > 0;
    }

    @Test
    void janusJsEchotestInChromiumAgainstOurNode() throws Exception {
        assumeTrue(Boolean.parseBoolean(System.getProperty(NODE_SWITCH, "true")),
                "-D" + NODE_SWITCH + "=false: the browser echotest against our node is skipped");
        assumeBrowserInstalled();
        Path log = Files.createTempDirectory("webfon-browser-").resolve("node.log");
        EchotestRunner.Outcome outcome;
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "media.warm_up=true")) {
            awaitWarmUp(log);
            outcome = EchotestRunner.againstServers(List.of(node.wsUri().toString(), node.httpUri().toString()));
        }

        report("our node", outcome);
        assertPassed(outcome, "against our node; its log: " + log);
    }

    /** The same with the node as an ICE-lite agent ({@code nat.ice_lite}): Chromium checks, the node only answers. */
    @Test
    void janusJsEchotestInChromiumAgainstOurNodeAsIceLite() throws Exception {
        assumeTrue(Boolean.parseBoolean(System.getProperty(NODE_SWITCH, "true")),
                "-D" + NODE_SWITCH + "=false: the browser echotest against our node is skipped");
        assumeBrowserInstalled();
        Path log = Files.createTempDirectory("webfon-browser-lite-").resolve("node.log");
        EchotestRunner.Outcome outcome;
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "media.warm_up=true",
                "nat.ice_lite=true")) {
            awaitWarmUp(log);
            outcome = EchotestRunner.againstServers(List.of(node.wsUri().toString(), node.httpUri().toString()));
        }

        report("our node, ICE-lite", outcome);
        assertPassed(outcome, "against our node as ICE-lite; its log: " + log);
    }

    @Test
    void janusJsEchotestInChromiumAgainstOurJarInJanussNamespace() throws Exception {
        againstOurJarInJanussNamespace("", "our node's jar (Janus's private netns, same address)");
    }

    /** Side by side again, with the node as an ICE-lite agent. */
    @Test
    void janusJsEchotestInChromiumAgainstOurJarInJanussNamespaceAsIceLite() throws Exception {
        againstOurJarInJanussNamespace("--nat.ice_lite=true",
                "our node's jar, ICE-lite (Janus's private netns, same address)");
    }

    private static void againstOurJarInJanussNamespace(String nodeArgs, String what) throws Exception {
        assumeTrue(Boolean.parseBoolean(System.getProperty(NODE_SWITCH, "true")),
                "-D" + NODE_SWITCH + "=false: the browser echotest against our node is skipped");
        assumeBrowserInstalled();
        assumeTrue(Commands.onPath("ip") && Commands.onPath("unshare") && canUnshareNetwork(),
                "no private network namespace here (needs ip, unshare and root): side-by-side run skipped");
        Path jar = Path.of(System.getProperty("webfon.jar", "gateway-core/target/webfon-gateway.jar"));
        assumeTrue(Files.isRegularFile(jar), "the node's jar is not built (" + jar + "): side-by-side run skipped");
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("webfon.repo", "."))
                        .resolve("gateway-it/target/reference-janus")), "browser-ours-");

        EchotestRunner.Outcome outcome = EchotestRunner.againstOurJarInNamespace(dir, jar, nodeArgs);

        report(what, outcome);
        assertPassed(outcome, "against our jar in the namespace; its log: " + dir.resolve("node.log"));
    }

    /**
     * Waits (up to 30 s) for the node's warm-ups to finish (the line saying their garbage was collected comes after
     * the last), so the runs time a node in service, as Janus's are, not one still compiling its code; the runs go
     * ahead anyway after that.
     */
    private static void awaitWarmUp(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("Warm-up garbage collected")) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void assertPassed(EchotestRunner.Outcome outcome, String what) {
        assertThat(outcome.finished()).as("browser echotest %s still running after its timeout; output:%n%s",
                what, outcome.output()).isTrue();
        assertThat(outcome.summary()).as("browser echotest %s printed no SUMMARY; output:%n%s", what,
                outcome.output()).isNotNull();
        assertThat(outcome.passed()).as("browser echotest %s failed (exit %d):%n%sSUMMARY %s", what,
                outcome.exitStatus(), outcome.runLines(), outcome.summary()).isTrue();
    }

    /** The one-line timing table: per transport, the medians over its runs, in milliseconds. */
    private static void report(String server, EchotestRunner.Outcome outcome) {
        System.out.print(outcome.runLines());
        StringBuilder line = new StringBuilder("BROWSER ECHOTEST " + server + " (median of n runs):");
        for (String transport : List.of("ws", "http")) {
            line.append(String.format(Locale.ROOT,
                    " | %s n=%d offer->webrtcup %s ms, offer->first inbound packet %s ms (track unmute %s ms)",
                    transport, outcome.runs(transport), ms(outcome.median(transport, "offerToWebrtcupMs")),
                    ms(outcome.median(transport, "offerToFirstPacketMs")),
                    ms(outcome.median(transport, "offerToUnmuteMs"))));
        }
        System.out.println(line);
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static boolean canUnshareNetwork() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("unshare", "--net", "true").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
