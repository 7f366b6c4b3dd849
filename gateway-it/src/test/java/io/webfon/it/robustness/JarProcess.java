package io.webfon.it.robustness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The node's runnable jar started as a child process ({@code java -jar webfon-gateway.jar ...}), with its
 * standard output and error going to files (so a chatty child never blocks on a full pipe).
 */
final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private JarProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The jar the build made (system property {@code webfon.jar}); skips the test when it is not built. */
    static Path jar() {
        String p = System.getProperty("webfon.jar");
        Path jar = p == null ? null : Path.of(p);
        assumeTrue(jar != null && Files.isRegularFile(jar), "the runnable jar is not built (webfon.jar=" + p
                + "); build it with: mvn -B -DskipTests package -pl gateway-core -am");
        return jar;
    }

    /** Starts the jar with these arguments; output goes to {@code dir}/{@code name}.out and .err. */
    static JarProcess start(Path dir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // sercen-auth (embedded by default) would bind 7669/1125 and open ~/.webfon: not what these tests are about.
        pb.environment().put("WEBFON_SERCEN_MODE", "off");
        Process p = pb.start();
        return new JarProcess(p, out, err);
    }

    /**
     * Starts the node through the shipped launcher ({@code deploy/bin/webfon-gateway} of {@code repo}), as the
     * systemd unit and {@code run-node.sh} do. {@code WEBFON_HOME} is an empty directory, so the launcher takes
     * the jar built in the source tree, as {@code run-node.sh} has it; {@code env} is added to the environment
     * (e.g. {@code WEBFON_GC}).
     */
    static JarProcess launch(Path repo, Path dir, String name, java.util.Map<String, String> env, String... args)
            throws IOException {
        jar(); // skips the test when the jar is not built
        Path home = Files.createDirectories(dir.resolve(name + "-home"));
        List<String> cmd = new ArrayList<>(List.of("bash", repo.resolve("deploy/bin/webfon-gateway").toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("WEBFON_HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("WEBFON_JAVA_OPTS");
        pb.environment().remove("WEBFON_GC");
        pb.environment().put("WEBFON_SERCEN_MODE", "off");
        pb.environment().putAll(env);
        return new JarProcess(pb.start(), out, err);
    }

    /** Runs the jar to its end (bounded) and returns its exit code and output. */
    static Result run(Path dir, String name, String... args) throws Exception {
        try (JarProcess p = start(dir, name, args)) {
            int code = p.awaitExit(Duration.ofSeconds(60));
            return new Result(code, p.stdout(), p.stderr());
        }
    }

    /** What a finished run printed, and its exit code. */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + Fuzz.shorten(stdout) + "\n--- stderr:\n" + Fuzz.shorten(stderr);
        }
    }

    Process process() {
        return process;
    }

    /** Waits for the process to end; fails (and kills it) if it does not within {@code wait}. */
    int awaitExit(Duration wait) throws Exception {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the node did not exit within " + wait + "; output:\n" + stdout() + stderr());
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Ports {@link #freePort} handed out in this JVM: the kernel may offer a just-closed one again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free at this moment on 127.0.0.1 (another process may take it before the node binds it), never one
     * this method returned before: a test asking for several ports for one node gets distinct ones.
     */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    /** Kills the process if a failed test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
