package io.webfon.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the browser echotest ({@code src/test/browser/run-echotest.mjs}, directly or through
 * {@code reference-janus-echotest.sh}) as a child process with a bounded wait, and reads its {@code SUMMARY} line.
 * Whatever happens, nothing it started outlives it: on a timeout its process tree is asked to stop (SIGTERM, so
 * the runner closes Chromium itself) and then killed by pid; after a normal end any straggler is killed too.
 */
final class EchotestRunner {
    /** Runs of each transport; the table shows their medians. */
    private static final int RUNS = 3;
    /** The runner's own hard timeout, below {@link #WAIT_SECONDS} so that it reports before it is killed. */
    private static final int RUNNER_TIMEOUT_SECONDS = 70;
    private static final int WAIT_SECONDS = 80;
    private static final int GRACE_SECONDS = 5;

    private EchotestRunner() {
    }

    /** What one invocation printed and how it ended; {@code summary} is null when it printed none. */
    record Outcome(int exitStatus, boolean finished, JsonNode summary, String output) {
        boolean passed() {
            return finished && exitStatus == 0 && summary != null && summary.path("ok").asBoolean();
        }

        /** The median of a timing over the runs of one transport ({@code ws}, {@code http}), or null. */
        Double median(String transport, String timing) {
            JsonNode v = summary == null ? null : summary.path("medians").path(transport).get(timing);
            return v == null || !v.isNumber() ? null : v.asDouble();
        }

        /** How many runs of a transport the runner made (fewer than asked after a failure). */
        int runs(String transport) {
            return summary == null ? 0 : summary.path("medians").path(transport).path("runs").asInt();
        }

        /** The runner's own lines (one per run) and its summary's failures, for assertion messages and the log. */
        String runLines() {
            StringBuilder b = new StringBuilder();
            output.lines().filter(l -> l.startsWith("RUN ") || l.startsWith("janus "))
                    .forEach(l -> b.append(l).append('\n'));
            return b.toString();
        }
    }

    static Path browserDir() {
        return Path.of(System.getProperty("webfon.repo", ".")).resolve("gateway-it/src/test/browser");
    }

    /** The runner's arguments for the usual IT run: {@link #RUNS} runs each, bounded steps and a hard timeout. */
    static List<String> runnerArgs() {
        return List.of("--runs", Integer.toString(RUNS), "--step-ms", "10000", "--timeout",
                Integer.toString(RUNNER_TIMEOUT_SECONDS));
    }

    /** {@code node run-echotest.mjs --server ...} in this network namespace. */
    static Outcome againstServers(List<String> servers) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "run-echotest.mjs"));
        for (String s : servers) {
            cmd.add("--server");
            cmd.add(s);
        }
        cmd.addAll(runnerArgs());
        return run(cmd);
    }

    /** {@code reference-janus-echotest.sh DIR ...}: Debian's janus and the browser in a private namespace. */
    static Outcome againstReferenceJanus(Path janusDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "reference-janus-echotest.sh", janusDir.toString()));
        cmd.addAll(runnerArgs());
        try {
            return run(cmd);
        } finally {
            killJanus(janusDir);
        }
    }

    /**
     * Our node's jar in the same private namespace and on the same address as {@link #againstReferenceJanus}, so
     * that the two timings compare like with like (on loopback Chromium gathers more candidates and behaves
     * differently). The script stops the node by its pid.
     */
    static Outcome againstOurJarInNamespace(Path dir, Path jar) throws IOException, InterruptedException {
        return againstOurJarInNamespace(dir, jar, "");
    }

    /** The same, with more settings for the node ({@code --key=value ...}). */
    static Outcome againstOurJarInNamespace(Path dir, Path jar, String nodeArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env", "WEBFON_JAR=" + jar, "WEBFON_ARGS=" + nodeArgs, "bash",
                "reference-janus-echotest.sh", dir.toString()));
        cmd.addAll(runnerArgs());
        return run(cmd);
    }

    private static Outcome run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("browser-echotest-", ".out");
        Process p = new ProcessBuilder(cmd).directory(browserDir().toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean finished;
        try {
            finished = p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            stopTree(p);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        String line = output.lines().filter(l -> l.startsWith("SUMMARY ")).reduce((a, b) -> b).orElse(null);
        JsonNode summary = line == null ? null : Json.parse(line.substring("SUMMARY ".length()));
        return new Outcome(finished ? p.exitValue() : -1, finished, summary, output);
    }

    /** SIGTERM to the process and every descendant still there, a grace period, then SIGKILL by pid. */
    private static void stopTree(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        alive.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            alive.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        p.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * janus runs in the background of the script (its parent exits), so it is no descendant of ours: the script
     * stops it on exit, and this stops it by the pid in its pid file if the script could not.
     */
    private static void killJanus(Path janusDir) throws IOException {
        Path pidFile = janusDir.resolve("janus.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> janus = ProcessHandle.of(pid)
                .filter(h -> h.info().command().map(c -> c.endsWith("/janus")).orElse(false));
        janus.ifPresent(ProcessHandle::destroyForcibly);
        Files.deleteIfExists(pidFile);
    }
}
