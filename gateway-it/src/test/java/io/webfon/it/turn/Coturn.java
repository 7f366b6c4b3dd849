package io.webfon.it.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code turnserver}, package coturn, installed by scripts/install-test-deps.sh) on 127.0.0.1:
 * a free UDP port, a relay port range of its own, long-term credentials {@value #USER}:{@value #PASSWORD} in
 * realm {@value #REALM}, loopback peers allowed (the node and the test peer are on 127.0.0.1), its own user
 * database, pid file and log in a temporary directory. Ready when it answers a STUN Binding request; stopped by
 * its PID (SIGTERM). The recipe is TEST-PEERS.md section 9.
 */
final class Coturn implements AutoCloseable {
    static final String USER = "test";
    static final String PASSWORD = "tUrN-pw-4711";
    static final String REALM = "webfon.test";
    private static final Path BINARY = Path.of("/usr/bin/turnserver");
    private static final int RELAY_PORTS = 40;

    private final Process process;
    private final Path dir;
    private final int port;
    private final int relayMin;
    private final int relayMax;

    private Coturn(Process process, Path dir, int port, int relayMin, int relayMax) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.relayMin = relayMin;
        this.relayMax = relayMax;
    }

    /** Why the tests cannot run here, or empty when turnserver is installed. */
    static Optional<String> missing() {
        return Files.isExecutable(BINARY) ? Optional.empty()
                : Optional.of(BINARY + " is not installed (Debian package coturn; run scripts/install-test-deps.sh)");
    }

    static Coturn start() throws Exception {
        Path dir = Files.createTempDirectory("webfon-it-coturn");
        int port = freeUdpPort();
        // Relay ports from the dynamic range, away from the node's media range (20000-20999 by default).
        int relayMin = 50_000 + 2 * ThreadLocalRandom.current().nextInt(7_000);
        int relayMax = relayMin + RELAY_PORTS - 1;
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-n", "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1", "--listening-port=" + port, "--min-port=" + relayMin,
                "--max-port=" + relayMax, "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=" + REALM,
                "--fingerprint", "--no-tls", "--no-dtls", "--no-tcp", "--no-cli", "--allow-loopback-peers",
                "--userdb=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("turn.pid"), "--log-file=stdout",
                "--simple-log", "--verbose"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("turn.log").toFile()).start();
        Coturn turn = new Coturn(p, dir, port, relayMin, relayMax);
        try {
            turn.awaitReady(Duration.ofSeconds(10));
        } catch (Exception | AssertionError e) {
            turn.close();
            throw new AssertionError("coturn did not start; its log:\n" + turn.log(), e);
        }
        return turn;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Sends STUN Binding requests until one is answered. */
    private void awaitReady(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(100);
            byte[] request = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442)
                    .putLong(ThreadLocalRandom.current().nextLong()).putInt(7).array();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("turnserver exited with " + process.exitValue());
                }
                s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                try {
                    s.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException e) {
                    // not yet
                }
            }
        }
        throw new AssertionError("turnserver did not answer a STUN Binding request on 127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Whether a port is one of coturn's relay ports. */
    boolean isRelayPort(int p) {
        return p >= relayMin && p <= relayMax;
    }

    /** coturn's log so far. */
    String log() {
        try {
            return Files.readString(dir.resolve("turn.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops coturn by its PID (SIGTERM, then SIGKILL after 5 s) and removes its directory. */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }
}
