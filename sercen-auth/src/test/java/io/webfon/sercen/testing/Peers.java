package io.webfon.sercen.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finding and running the Debian programs the tests use as peers; a missing one skips the test with its package. */
public final class Peers {
    private Peers() {
    }

    /** The program's path; skips the test (naming the Debian package) when it is not installed. */
    public static Path command(String name, String debianPackage) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin:/bin:/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not installed (Debian package " + debianPackage
                + "; scripts/install-test-deps.sh installs it)");
        return null;
    }

    /** A TCP port free at this moment on 127.0.0.1 (another process may take it before the peer binds it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    public record Output(int exit, String text) {
    }

    /** Runs a command to its end (bounded to 60 s), stdin from /dev/null. */
    public static Output run(Path workDir, List<String> cmd) throws Exception {
        Path out = Files.createTempFile(workDir, "cmd-", ".out");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within 60 s");
        }
        return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Stops a peer: SIGTERM, then SIGKILL if it has not exited within 10 s. */
    public static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
