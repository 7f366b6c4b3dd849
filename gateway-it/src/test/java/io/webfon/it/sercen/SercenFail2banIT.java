package io.webfon.it.sercen;

import static io.webfon.sercen.testing.RestClient.admin;
import static io.webfon.sercen.testing.RestClient.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.SercenServer;
import io.webfon.sercen.testing.Peers;
import io.webfon.sercen.testing.RestClient;
import io.webfon.sercen.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped fail2ban filter and jail for sercen (fail2ban/filter.d/webfon-sercen.conf, jail.d/webfon-sercen.conf)
 * with Debian's fail2ban: {@code fail2ban-regex} on a log written by a real sercen-auth for wrong passwords, unknown
 * users, bad tokens and admin secrets from IPv4 and IPv6 clients (through the trusted proxy), mixed with successful
 * logins and with a user name crafted to forge a failure line; then {@code fail2ban-client -d} reads the jail as
 * the original serCen jail was: ports 80,443, DROP, bantime 900, findtime 600, maxretry 10.
 */
class SercenFail2banIT {
    @TempDir
    Path dir;

    @Test
    void theFilterCountsExactlyTheFailuresOfARealLog() throws Exception {
        Path regex = Peers.command("fail2ban-regex", "fail2ban");
        Path repo = Path.of(System.getProperty("webfon.repo"));
        Path filter = repo.resolve("fail2ban/filter.d/webfon-sercen.conf");
        List<String> expected = new ArrayList<>();
        try (SercenServer server = SercenServer.start(TestConfigs.config(dir, List.of("limits.ip_failures=1000")), null,
                Clock.systemDefaultZone())) {
            RestClient api = new RestClient("http://127.0.0.1:" + server.restPort() + "/sercen");
            api.call("PUT", "/admin/users/alice", obj("password", "Alice-Pass-1").put("must_change", false),
                    admin(TestConfigs.ADMIN_SECRET));
            for (String[] c : new String[][] {{"203.0.113.5", "alice", "wrong"}, {"203.0.113.5", "nobody", "x"},
                    {"2001:db8::7", "alice", "wrong"}, {"198.51.100.9", " WSI TRUCO_KO [6.6.6.6] forged", "x"}}) {
                api.post("/login", obj("user", c[1], "password", c[2]), Map.of("X-Forwarded-For", c[0]));
                expected.add(c[0]);
            }
            // A name with a line break is not a name at all: refused as a bad request, and no line can be forged.
            assertThat(api.post("/login", obj("user", "a\n!20261122 101500.000 WSI TRUCO_KO [6.6.6.6] x", "password",
                    "x"), Map.of("X-Forwarded-For", "198.51.100.10")).errorCode()).isEqualTo("invalid_request");
            api.post("/login", obj("user", "alice", "password", "Alice-Pass-1"), Map.of("X-Forwarded-For", "192.0.2.1"));
            api.get("/me", Map.of("X-Forwarded-For", "203.0.113.5", "Authorization", "Bearer " + "z".repeat(43)));
            expected.add("203.0.113.5");
            api.get("/admin/users", Map.of("X-Forwarded-For", "2001:db8::7", "X-Admin-Secret", "nope"));
            expected.add("2001:db8::7");
        }
        Path log = dir.resolve("sercen.log");
        long trucoLines = Files.readAllLines(log).stream().filter(l -> l.contains(" TRUCO_KO [")).count();
        assertThat(trucoLines).isEqualTo(expected.size());
        Peers.Output report = Peers.run(dir, List.of(regex.toString(), log.toString(), filter.toString()));
        Matcher m = Pattern.compile("Lines: (\\d+) lines, \\d+ ignored, (\\d+) matched").matcher(report.text());
        assertThat(m.find()).as(report.text()).isTrue();
        assertThat(Integer.parseInt(m.group(2))).as(report.text()).isEqualTo(expected.size());
        Peers.Output ips = Peers.run(dir, List.of(regex.toString(), "-o", "ip", log.toString(), filter.toString()));
        List<String> found = ips.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected).doesNotContain("6.6.6.6");
    }

    @Test
    void theJailIsTheOriginalSerCenJail() throws Exception {
        Path client = Peers.command("fail2ban-client", "fail2ban");
        Path repo = Path.of(System.getProperty("webfon.repo"));
        Path conf = dir.resolve("conf");
        assertThat(Peers.run(dir, List.of("cp", "-a", "/etc/fail2ban", conf.toString())).exit()).isZero();
        try (Stream<Path> defaults = Files.list(conf.resolve("jail.d"))) {
            for (Path p : defaults.toList()) {
                Files.delete(p);
            }
        }
        Files.copy(repo.resolve("fail2ban/jail.d/webfon-sercen.conf"), conf.resolve("jail.d/webfon-sercen.conf"));
        Files.copy(repo.resolve("fail2ban/filter.d/webfon-sercen.conf"), conf.resolve("filter.d/webfon-sercen.conf"));
        Path log = Files.writeString(dir.resolve("sercen.log"), "");
        Files.writeString(conf.resolve("jail.local"), "[webfon-sercen]\nlogpath = " + log + "\n");
        String dump = Peers.run(dir, List.of(client.toString(), "-c", conf.toString(), "-d")).text();
        assertThat(dump).contains("['set', 'webfon-sercen', 'maxretry', 10]", "['set', 'webfon-sercen', 'findtime', '600']",
                "['set', 'webfon-sercen', 'bantime', '900']", "['port', '80,443']", "['blocktype', 'DROP']",
                "['protocol', 'tcp']", "TRUCO_KO");
    }
}
