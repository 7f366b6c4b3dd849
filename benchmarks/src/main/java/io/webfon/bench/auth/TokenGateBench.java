package io.webfon.bench.auth;

import io.webfon.gateway.auth.SercenTokenValidator;
import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.AdminService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The token check on the Janus request path, as the node runs it: {@link SercenTokenValidator} over a real sercen
 * service (H2), 1,024 tokens all in the cache (the steady state: a browser's token is read once, then every Janus
 * request hits the cache). One call = SHA-256 of the token, a map lookup and sercen's rules (state, expiry,
 * address).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenGateBench {
    static final String IP = "203.0.113.7";
    private static final int TOKENS = 1024;

    private Path dir;
    private SercenService service;
    private SercenTokenValidator gate;
    private String[] tokens;

    /** Each benchmark thread walks the tokens from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().getId() * 97);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchService.tempDir("gate");
        service = BenchService.open(dir, Map.of("passwords.argon2_memory_kib", "1024",
                "passwords.argon2_iterations", "1"));
        service.admin().saveUser("bench", new AdminService.UserChanges(null, null, null, null, null, null, null, null,
                "Bench-Pass-1", false));
        gate = new SercenTokenValidator(service.tokens()::lookupHash, true, 300, Clock.systemUTC(), System::nanoTime);
        tokens = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = service.tokens().issue("bench", IP, false).token();
            if (gate.rejectReason(tokens[i], IP) != null) {
                throw new IllegalStateException("a fresh token is refused");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        service.close();
        BenchService.delete(dir);
    }

    @Benchmark
    public String check(Cursor c) {
        return gate.rejectReason(tokens[c.next++ & (TOKENS - 1)], IP);
    }
}
