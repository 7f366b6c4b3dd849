package io.webfon.sercen.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key is documented once, in the schema: the shipped sample deploy/conf/sercen.jcfg is the generated one
 * (regenerate it with SercenConfigDocs.sampleFile()), and docs/sercen.md carries the generated key tables and
 * every serCen.conf alias.
 */
class ShippedSercenConfigTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void shippedSampleIsTheGeneratedOneAndIsValid() throws Exception {
        Path sample = REPO.resolve("deploy/conf/sercen.jcfg");
        assertThat(Files.readString(sample)).isEqualTo(SercenConfigDocs.sampleFile());
        assertThat(SercenConfigLoader.load(null, sample, Map.of(), Map.of()).warnings()).isEmpty();
    }

    @Test
    void referencePageCarriesTheGeneratedTablesAndEveryAlias() throws Exception {
        String page = Files.readString(REPO.resolve("docs/sercen.md"));
        assertThat(page).contains(SercenConfigDocs.markdownTables().trim());
        for (String alias : LegacyAliases.documented().keySet()) {
            assertThat(page).as("docs/sercen.md documents the serCen.conf name %s", alias).contains("`" + alias + "`");
        }
    }
}
