package io.webfon.bench.auth;

import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.AdminService;
import io.webfon.sercen.auth.LoginService;
import io.webfon.sercen.testing.Slapd;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole login (step 1, no second factor) through sercen's LoginService: user lookup, the password check, the
 * token issued and stored (H2). {@code local}: Argon2id at the shipped parameters (19,456 KiB, 2 passes, 1 lane);
 * {@code ldap}: the two-step bind against Debian's slapd (started here from sercen's test recipe), pooled
 * connections.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LoginBench {
    @Param({"local", "ldap"})
    public String kind;

    private Path dir;
    private Slapd slapd;
    private SercenService service;
    private String[][] users;

    /** Each benchmark thread logs users in, round robin from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) Thread.currentThread().getId();
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchService.tempDir("login-" + kind);
        if (kind.equals("ldap")) {
            slapd = Slapd.start(dir.resolve("slapd"), null);
            service = BenchService.open(dir, Map.of("ldap.enabled", "true", "ldap.url", slapd.url(), "ldap.bind_dn",
                    Slapd.SVC_DN, "ldap.bind_password", Slapd.SVC_PASSWORD, "ldap.base_dn", Slapd.BASE_DN,
                    "ldap.pool_size", "8"));
            List<Slapd.User> all = Slapd.USERS;
            users = new String[all.size()][];
            for (int i = 0; i < all.size(); i++) {
                service.admin().saveUser(all.get(i).uid(), new AdminService.UserChanges(null, null, "ldap", null, null,
                        null, null, null, null, null));
                users[i] = new String[] {all.get(i).uid(), all.get(i).password()};
            }
        } else {
            service = BenchService.open(dir, Map.of());
            users = new String[8][];
            for (int i = 0; i < users.length; i++) {
                users[i] = new String[] {"user" + i, "Local-Pass-" + i + "x"};
                service.admin().saveUser(users[i][0], new AdminService.UserChanges(null, null, null, null, null, null,
                        null, null, users[i][1], false));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        service.close();
        if (slapd != null) {
            slapd.close();
        }
        BenchService.delete(dir);
    }

    @Benchmark
    public Object login(Cursor c) {
        String[] u = users[Math.floorMod(c.next++, users.length)];
        LoginService.Outcome o = service.logins().login(u[0], u[1], TokenGateBench.IP);
        if (!(o instanceof LoginService.Granted)) {
            throw new IllegalStateException("login refused");
        }
        return o;
    }
}
