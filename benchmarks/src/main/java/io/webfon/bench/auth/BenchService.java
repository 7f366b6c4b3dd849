package io.webfon.bench.auth;

import io.webfon.sercen.SercenService;
import io.webfon.sercen.config.SercenConfigLoader;
import io.webfon.sercen.log.SercenLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sercen service for benchmarks: H2 in a temporary directory, the log discarded, no listeners. */
final class BenchService {
    private BenchService() {
    }

    static SercenService open(Path dir, Map<String, String> settings) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("general.data_dir", dir.resolve("data").toString());
        m.put("general.log_to_stdout", "false");
        m.put("limits.ip_failures", "100000");
        m.putAll(settings);
        return SercenService.open(SercenConfigLoader.load(null, null, m, Map.of()).config(), Clock.systemUTC(),
                new SercenLog(List.of(), Clock.systemUTC()));
    }

    static Path tempDir(String name) throws Exception {
        return Files.createTempDirectory("webfon-bench-" + name);
    }

    static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
