package dev.mastersim.calibrate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The database being measured: a JDBC URL, user and password (from an environment variable, never an
 * argument), or by default an embedded H2 file database created in a temporary directory — a file
 * database, so that a commit is written to the file ({@code WRITE_DELAY=0}) — and deleted on
 * {@link #close}. Knows what each supported product calls its session view and its error codes.
 */
public final class Target implements AutoCloseable {
    /** Which product, for the SQL that differs between them. */
    enum Product {
        H2,
        POSTGRESQL,
        OTHER
    }

    static {
        // HikariCP reports every pool start and stop at INFO; a measurement opens one per level
        if (System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final Path tempDir;
    private final Product product;
    private final String applicationName;

    private Target(String url, String user, String password, Path tempDir, String applicationName) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.tempDir = tempDir;
        this.applicationName = applicationName;
        String u = url.toLowerCase(Locale.ROOT);
        this.product = u.startsWith("jdbc:h2:")
                ? Product.H2
                : u.startsWith("jdbc:postgresql:") ? Product.POSTGRESQL : Product.OTHER;
    }

    /**
     * The database at {@code jdbcUrl}, or a new embedded H2 file database when it is null.
     *
     * @param lockTimeoutSeconds the lock-wait timeout set on every connection (the scenario's
     *     {@code master.lock_wait_timeout})
     */
    public static Target open(String jdbcUrl, String user, String password, String tag, double lockTimeoutSeconds)
            throws IOException {
        if (jdbcUrl == null) {
            Path dir = Files.createTempDirectory("mastersim-calibrate-");
            long ms = Math.round(lockTimeoutSeconds * 1000);
            String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=" + ms
                    + ";DB_CLOSE_DELAY=-1";
            return new Target(url, user == null ? "sa" : user, password == null ? "" : password, dir, tag);
        }
        return new Target(jdbcUrl, user, password, null, tag);
    }

    Product product() {
        return product;
    }

    /** Whether the database runs on this machine (embedded, or on the loopback interface). */
    boolean local() {
        String u = url.toLowerCase(Locale.ROOT);
        return tempDir != null
                || u.startsWith("jdbc:h2:file:")
                || u.startsWith("jdbc:h2:mem:")
                || u.contains("//127.0.0.1")
                || u.contains("//localhost")
                || u.contains("//[::1]");
    }

    /** The embedded database's directory, or null for a server. */
    Path directory() {
        return tempDir;
    }

    /** Whether this is the embedded H2 database created for this run. */
    public boolean embedded() {
        return tempDir != null;
    }

    /** The URL without user information, for reports and the scenario. */
    public String url() {
        return embedded()
                ? "embedded H2 (a new file database in a temporary directory)"
                : url.replaceAll("(?i)password=[^&;]*", "password=***");
    }

    /** A pool of exactly {@code size} connections (HikariCP), each with the lock-wait timeout set. */
    HikariDataSource pool(int size, double lockTimeoutSeconds) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setConnectionTimeout(30_000);
        c.setPoolName("mastersim-calibrate-" + size);
        c.setAutoCommit(true);
        if (product == Product.POSTGRESQL) {
            c.addDataSourceProperty("ApplicationName", applicationName);
            c.setConnectionInitSql("SET lock_timeout = '" + Math.round(lockTimeoutSeconds * 1000) + "ms'");
        }
        return new HikariDataSource(c);
    }

    /** One plain connection outside any pool (schema, the session sampler, counters). */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(true);
        return c;
    }

    /** The product and version as the driver reports them. */
    String describe() throws SQLException {
        try (Connection c = connect()) {
            var m = c.getMetaData();
            return m.getDatabaseProductName() + " " + m.getDatabaseProductVersion() + (embedded() ? " (embedded)" : "");
        }
    }

    /**
     * The query that counts this run's sessions waiting for a lock and those in a transaction, or null
     * where the product has no such view.
     */
    String sessionQuery() {
        return switch (product) {
            case H2 -> "SELECT COUNT(*) FILTER (WHERE BLOCKER_ID IS NOT NULL),"
                    + " COUNT(*) FILTER (WHERE CONTAINS_UNCOMMITTED OR BLOCKER_ID IS NOT NULL)"
                    + " FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()";
            case POSTGRESQL -> "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                    + " count(*) FILTER (WHERE xact_start IS NOT NULL AND state <> 'idle')"
                    + " FROM pg_stat_activity WHERE application_name = '" + applicationName
                    + "' AND pid <> pg_backend_pid()";
            case OTHER -> null;
        };
    }

    /**
     * Whether each level's CPU can be read from {@code /proc} ({@link ProcCpu}): only for a PostgreSQL server
     * on this machine whose backends this machine's {@code /proc} shows.
     *
     * @param postmaster the server's postmaster process id, or -1
     * @param hz clock ticks per second, or -1
     * @param note null when measurable; otherwise why not, one line
     */
    record CpuAccess(long postmaster, long hz, String note) {
        boolean measurable() {
            return note == null;
        }
    }

    /** Finds out whether and how the levels' CPU can be measured: asks the server for a backend's process id. */
    CpuAccess cpuAccess() {
        String not = "CPU per transaction: not measured: ";
        if (embedded() || product == Product.H2) {
            return new CpuAccess(
                    -1,
                    -1,
                    not + "embedded H2 runs inside the load generator's own process, whose CPU"
                            + " cannot be told apart from the load's");
        }
        if (product != Product.POSTGRESQL || !local()) {
            return new CpuAccess(
                    -1,
                    -1,
                    not + "the database is not a PostgreSQL server on this machine, so its"
                            + " processes' CPU cannot be read here");
        }
        if (!ProcCpu.available()) {
            return new CpuAccess(-1, -1, not + "this machine has no readable /proc");
        }
        long hz = ProcCpu.clockTicks();
        if (hz <= 0) {
            return new CpuAccess(-1, -1, not + "getconf CLK_TCK did not answer, so a clock tick's length is unknown");
        }
        String stat = null;
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            long pid = rs.next() ? rs.getLong(1) : -1;
            stat = pid > 0 ? ProcCpu.stat(pid) : null; // while the session, and so its backend, lives
        } catch (SQLException e) {
            stat = null;
        }
        if (stat == null || !stat.contains("(postgres")) {
            return new CpuAccess(
                    -1,
                    -1,
                    not + "the server's backends are not this machine's processes (another"
                            + " process namespace, such as a container)");
        }
        return new CpuAccess(ProcCpu.parent(stat), hz, null);
    }

    /** The process ids of this run's load sessions (PostgreSQL), those of {@code c} excepted. */
    List<Long> loadBackends(Connection c) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, applicationName);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
        }
        return pids;
    }

    /** The database's own count of deadlocks so far (PostgreSQL: pg_stat_database), or -1. */
    long deadlockCounter(Connection c) {
        if (product != Product.POSTGRESQL) {
            return -1;
        }
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Whether {@code e} is a deadlock abort: SQLSTATE 40P01 (PostgreSQL) or 40001 (H2, the standard's). */
    static boolean deadlock(SQLException e) {
        String s = e.getSQLState();
        return "40P01".equals(s) || "40001".equals(s);
    }

    /** Whether {@code e} is a lock-wait timeout: 55P03 (PostgreSQL lock_timeout) or HYT00 (H2). */
    static boolean lockTimeout(SQLException e) {
        String s = e.getSQLState();
        return "55P03".equals(s) || "HYT00".equals(s);
    }

    /** Shuts an embedded database down and deletes its directory; nothing for a server. */
    @Override
    public void close() {
        if (tempDir == null) {
            return;
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already shut down: nothing to release
        }
        try {
            Files.walkFileTree(tempDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
