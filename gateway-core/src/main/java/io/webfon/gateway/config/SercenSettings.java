package io.webfon.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the node runs sercen-auth (section {@code sercen} of gateway.jcfg): embedded in the node, as an external
 * process sharing the database, or not at all; where its own configuration is; how long checked tokens are
 * cached. sercen-auth's keys live in its own file (sercen.jcfg, docs/sercen.md).
 *
 * @param mode {@code embedded}, {@code external} or {@code off}
 * @param configFile sercen-auth's configuration file, or null for none (then configDir's files, or defaults)
 * @param configDir the node's configuration directory, or null (embedded defaults)
 */
public record SercenSettings(String mode, Path configFile, Path configDir, int tokenCacheSeconds) {
    public static final String EMBEDDED = "embedded";
    public static final String EXTERNAL = "external";
    public static final String OFF = "off";

    public boolean off() {
        return OFF.equals(mode);
    }

    static SercenSettings from(Values v, Path configDir) {
        String mode = v.string("sercen.mode");
        if (!mode.equals(EMBEDDED) && !mode.equals(EXTERNAL) && !mode.equals(OFF)) {
            v.problem("sercen.mode", "must be one of embedded, external, off");
            mode = EMBEDDED;
        }
        String file = v.string("sercen.config_file");
        Path configFile = file.isEmpty() ? null : Path.of(file);
        if (configFile != null && !OFF.equals(mode) && !Files.isRegularFile(configFile)) {
            v.problem("sercen.config_file", "does not exist or is not a file");
        }
        return new SercenSettings(mode, configFile, configDir, (int) v.integer("sercen.token_cache_seconds"));
    }
}
