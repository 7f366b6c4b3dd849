package io.webfon.sercen.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.webfon.sercen.config.SercenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The database: a HikariCP pool over H2 (embedded file, the default), MariaDB/MySQL or PostgreSQL, migrated at
 * start with Flyway from {@code db/sercen/V*.sql} (history table {@code sercen_schema_history}). Several nodes
 * may share one MariaDB/PostgreSQL database; the migrations run once.
 */
public final class Database implements AutoCloseable {
    /** The database product, from the URL. */
    public enum Kind { H2, MARIADB, POSTGRESQL }

    private final HikariDataSource pool;
    private final Kind kind;
    private final String description;
    private final int migrationsApplied;
    private final Jdbc jdbc;

    private Database(HikariDataSource pool, Kind kind, String description, int migrationsApplied) {
        this.pool = pool;
        this.kind = kind;
        this.description = description;
        this.migrationsApplied = migrationsApplied;
        this.jdbc = new Jdbc(pool);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreException when the database cannot be reached or migrated; the message says which and why
     */
    public static Database open(SercenConfig.Database config, Path dataDir) {
        String url = url(config, dataDir);
        Kind kind = kind(url);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sercen-db");
        hc.setJdbcUrl(url);
        hc.setDriverClassName(switch (kind) {
            case H2 -> "org.h2.Driver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
            case POSTGRESQL -> "org.postgresql.Driver";
        });
        if (!config.user().isEmpty()) {
            hc.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(1, config.poolSize()));
        hc.setConnectionTimeout(config.connectTimeoutSeconds() * 1000L);
        hc.setInitializationFailTimeout(config.connectTimeoutSeconds() * 1000L);
        hc.setValidationTimeout(Math.min(config.connectTimeoutSeconds() * 1000L, 3000L));
        String description = kind.name().toLowerCase(Locale.ROOT) + " " + safeUrl(url);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + description + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult r = Flyway.configure().dataSource(ds).locations("classpath:db/sercen")
                    .table("sercen_schema_history").load().migrate();
            return new Database(ds, kind, description, r.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the database " + description + ": " + rootMessage(e), e);
        }
    }

    static String url(SercenConfig.Database config, Path dataDir) {
        if (!config.url().isEmpty()) {
            String u = config.url();
            return u.regionMatches(true, 0, "jdbc:mysql:", 0, 11) ? "jdbc:mariadb:" + u.substring(11) : u;
        }
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sercen") + ";LOCK_TIMEOUT=10000";
    }

    static Kind kind(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return Kind.MARIADB;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new StoreException("unsupported database URL (h2, mariadb, mysql or postgresql)", null);
    }

    /** The URL without query parameters or user info, which may carry a password. */
    static String safeUrl(String url) {
        String u = url;
        int q = u.indexOf('?');
        if (q > 0) {
            u = u.substring(0, q);
        }
        int semi = u.indexOf(';');
        if (semi > 0) {
            u = u.substring(0, semi);
        }
        return u.replaceAll("//[^/@]*@", "//");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replace('\n', ' ');
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    public Kind kind() {
        return kind;
    }

    /** Product and URL (no credentials), for logs and the status port. */
    public String description() {
        return description;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** Pool figures for the status port: active, idle, waiting threads, maximum. */
    public int[] poolStats() {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        if (mx == null) {
            return new int[] {0, 0, 0, pool.getMaximumPoolSize()};
        }
        return new int[] {mx.getActiveConnections(), mx.getIdleConnections(), mx.getThreadsAwaitingConnection(),
            pool.getMaximumPoolSize()};
    }

    @Override
    public void close() {
        pool.close();
    }
}
