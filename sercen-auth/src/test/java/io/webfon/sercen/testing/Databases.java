package io.webfon.sercen.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The real database servers of these machines (MariaDB on 127.0.0.1:3306, root without password; PostgreSQL on
 * 127.0.0.1:5432, trust authentication; database {@code test}), each test run in a database or schema of its own
 * that is dropped afterwards, since other engineers' tests share the servers. A server that is absent skips the
 * test with a clear message.
 */
public final class Databases {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Databases() {
    }

    /** A private database: the JDBC URL to give sercen (database.url), its user and password. */
    public record Temp(String url, String user, String password, String adminUrl, String dropSql)
            implements AutoCloseable {
        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(adminUrl, props(user, password));
                    Statement s = c.createStatement()) {
                s.execute(dropSql);
            } catch (SQLException e) {
                System.err.println("could not drop the test database: " + e.getMessage());
            }
        }
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "3000");
        p.setProperty("loginTimeout", "3");
        return p;
    }

    private static String name() {
        return "sercen_t_" + HexFormat.of().formatHex(bytes());
    }

    private static byte[] bytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A new MariaDB database on 127.0.0.1:3306 (user root, no password). */
    public static Temp mariadb() {
        String admin = "jdbc:mariadb://127.0.0.1:3306/test";
        String db = name();
        try (Connection c = DriverManager.getConnection(admin, props("root", ""));
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            assumeTrue(false, "MariaDB is not reachable on 127.0.0.1:3306 as root without password ("
                    + e.getMessage() + "); the MariaDB storage tests are skipped");
        }
        return new Temp("jdbc:mariadb://127.0.0.1:3306/" + db, "root", "", admin, "DROP DATABASE " + db);
    }

    /** A new schema in PostgreSQL's database test on 127.0.0.1:5432 (trust authentication, user postgres). */
    public static Temp postgres() {
        String admin = "jdbc:postgresql://127.0.0.1:5432/test";
        String schema = name();
        try (Connection c = DriverManager.getConnection(admin, props("postgres", ""));
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL is not reachable on 127.0.0.1:5432 with trust authentication ("
                    + e.getMessage() + "); the PostgreSQL storage tests are skipped");
        }
        return new Temp(admin + "?currentSchema=" + schema, "postgres", "", admin,
                "DROP SCHEMA " + schema + " CASCADE");
    }
}
