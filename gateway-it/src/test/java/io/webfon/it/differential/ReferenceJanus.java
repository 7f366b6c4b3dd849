package io.webfon.it.differential;

import io.webfon.it.support.Commands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's janus, started on free loopback ports through {@code tools/reference-janus/janus-reference.sh}: the
 * reference our node is compared with. One instance per configuration and test class (it takes about a second
 * to start).
 */
final class ReferenceJanus implements AutoCloseable {
    private static final int NOT_INSTALLED = 2;
    private static final int ATTEMPTS = 3;

    private final Path script;
    private final Path dir;
    private final Endpoints endpoints;

    private ReferenceJanus(Path script, Path dir, Endpoints endpoints) {
        this.script = script;
        this.dir = dir;
        this.endpoints = endpoints;
    }

    /** Whether the {@code janus} binary is on the PATH. */
    static boolean installed() {
        return Commands.onPath("janus");
    }

    static Path repo() {
        return Path.of(System.getProperty("webfon.repo", "."));
    }

    /**
     * Starts janus with {@code general} settings ({@code key=value}); retries on fresh ports if another process
     * took one of ours between picking and binding.
     */
    static ReferenceJanus start(String config, List<String> general) throws Exception {
        Path script = repo().resolve("tools/reference-janus/janus-reference.sh");
        Path dir = Files.createTempDirectory(
                Files.createDirectories(repo().resolve("gateway-it/target/reference-janus")), config + "-");
        String failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int[] ports = freePorts(4);
            List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "start", dir.toString()));
            for (int p : ports) {
                cmd.add(Integer.toString(p));
            }
            cmd.addAll(general);
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                failure = "janus-reference.sh did not finish";
                continue;
            }
            if (process.exitValue() == 0) {
                return new ReferenceJanus(script, dir,
                        Endpoints.onLoopback(ports[0], ports[1], ports[2], ports[3]));
            }
            if (process.exitValue() == NOT_INSTALLED) {
                throw new IllegalStateException("janus is not installed: " + output);
            }
            failure = output;
        }
        throw new IllegalStateException("reference janus did not start (" + config + "): " + failure);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    Path logFile() {
        return dir.resolve("janus.log");
    }

    @Override
    public void close() throws Exception {
        Process stop = new ProcessBuilder("bash", script.toString(), "stop", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!stop.waitFor(30, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
        }
    }
}
