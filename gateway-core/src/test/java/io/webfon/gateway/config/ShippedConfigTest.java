package io.webfon.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key is documented once, in the schema; the shipped sample and the reference page must follow it
 * (regenerate the sample with ConfigDocs.sampleFile() when a key changes).
 */
class ShippedConfigTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void shippedSampleIsTheGeneratedOneAndIsValid() throws Exception {
        Path sample = REPO.resolve("deploy/conf/gateway.jcfg");
        assertThat(Files.readString(sample)).isEqualTo(ConfigDocs.sampleFile());
        assertThat(ConfigLoader.load(sample.getParent(), Map.of(), Map.of()).warnings()).isEmpty();
    }

    @Test
    void referencePageDocumentsEveryKeyAndAlias() throws Exception {
        String page = Files.readString(REPO.resolve("docs/configuration.md"));
        for (Key k : Schema.KEYS) {
            assertThat(page).as("docs/configuration.md documents %s", k.id()).contains("`" + k.id() + "`");
        }
        for (String alias : ConfigDocs.aliases().keySet()) {
            String legacyKey = alias.substring(alias.indexOf(':') + 1);
            assertThat(page).as("docs/configuration.md documents the alias %s", alias).contains(legacyKey);
        }
    }
}
