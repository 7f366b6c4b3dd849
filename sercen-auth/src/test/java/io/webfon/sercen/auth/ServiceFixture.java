package io.webfon.sercen.auth;

import io.webfon.sercen.SercenService;
import io.webfon.sercen.testing.ManualClock;
import io.webfon.sercen.testing.MemoryLog;
import io.webfon.sercen.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A service on an H2 file in a temporary directory, a manual clock and a log in memory. */
final class ServiceFixture implements AutoCloseable {
    static final String IP = "10.0.0.5";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"), ZoneId.of("Europe/Madrid"));
    final MemoryLog log = new MemoryLog(clock);
    final SercenService service;

    ServiceFixture(Path dir, String... settings) throws Exception {
        this.service = SercenService.open(TestConfigs.config(dir, List.of(settings)), clock, log.log());
    }

    /** Creates a local user with this password (no change required). */
    void localUser(String name, String password, String... fields) {
        AdminService.UserChanges c = changes(password, fields);
        service.admin().saveUser(name, c);
    }

    static AdminService.UserChanges changes(String password, String... fields) {
        String[] v = new String[8];
        Boolean enabled = null;
        Boolean multiIp = null;
        for (String f : fields) {
            String key = f.substring(0, f.indexOf('='));
            String value = f.substring(f.indexOf('=') + 1);
            switch (key) {
                case "validation" -> v[0] = value;
                case "second_factor" -> v[1] = value;
                case "email" -> v[2] = value;
                case "extension" -> v[3] = value;
                case "pool" -> v[4] = value;
                case "enabled" -> enabled = Boolean.parseBoolean(value);
                case "multi_ip" -> multiIp = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException(key);
            }
        }
        return new AdminService.UserChanges(null, v[2], v[0], v[1], enabled, multiIp, v[3], v[4], password, false);
    }

    LoginService logins() {
        return service.logins();
    }

    @Override
    public void close() {
        service.close();
    }
}
