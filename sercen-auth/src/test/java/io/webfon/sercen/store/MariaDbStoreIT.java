package io.webfon.sercen.store;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.testing.Databases;
import java.nio.file.Path;

/**
 * The storage contract on the real MariaDB server of this machine (127.0.0.1:3306, root without password), each
 * test in a database of its own, dropped afterwards; skipped with a message when the server is absent.
 */
class MariaDbStoreIT extends StoreContract {
    private Databases.Temp temp;

    @Override
    protected SercenConfig.Database createDatabase() {
        temp = Databases.mariadb();
        return new SercenConfig.Database(temp.url(), temp.user(), temp.password(), 4, 5);
    }

    @Override
    protected void dropDatabase() {
        temp.close();
    }

    @Override
    protected Path dataDir() {
        return Path.of("unused");
    }
}
