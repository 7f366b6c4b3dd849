package io.webfon.sercen.store;

import io.webfon.sercen.config.SercenConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the default database: an embedded H2 file in a temporary data directory. */
class H2StoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected SercenConfig.Database createDatabase() {
        return new SercenConfig.Database("", "", "", 4, 5);
    }

    @Override
    protected void dropDatabase() {
        // the temporary directory goes with the test
    }

    @Override
    protected Path dataDir() {
        return dir;
    }
}
