package io.webfon.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and build time stamped into the jar by the build. */
public record BuildInfo(String version, String buildTime) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version", "dev"), p.getProperty("build.time", "unknown"));
    }

    /** The version in Janus's integer form, major*1000 + minor*100 + patch: 1.1.2 is 1102, 0.1.0 is 100. */
    public int numericVersion() {
        String[] parts = version.replaceAll("[^0-9.].*$", "").split("\\.");
        int[] weights = {1000, 100, 1};
        int n = 0;
        for (int i = 0; i < weights.length && i < parts.length; i++) {
            n += parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]) * weights[i];
        }
        return n;
    }
}
