package dev.mastersim.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Hot-counter transactions per second through a HikariCP pool, each {@link DbStrategy} against the same
 * table ({@link CounterTable}): {@value #THREADS} client threads share a pool of {@code pool} connections
 * (1, 4, 16), and each transaction adds one to a row drawn uniformly from a hot set of {@code hot} rows
 * (1: every transaction wants the same row; 1,000: they rarely meet). Rows are pre-drawn per thread into a
 * power-of-two array read through a masked index. {@code retries} counts the attempts beyond the first
 * (optimistic conflicts, NOWAIT refusals, SKIP LOCKED finding nothing free), per second.
 *
 * <p>{@code read} is the baseline: borrow a connection, read the row without a lock, commit.
 * {@code jdk} is the in-process competitor: the same increments on an {@link AtomicLongArray}, no
 * database (the pool size does not apply to it).
 *
 * <p>The database is embedded H2 in memory unless a JDBC URL is given, as {@code -p url=…} or the system
 * property {@code mastersim.jdbc.url} (with {@code mastersim.jdbc.user}, {@code mastersim.jdbc.password}),
 * e.g. a local PostgreSQL. The table is dropped and recreated at the start of each trial. On a 2-core
 * machine {@value #THREADS} threads are oversubscribed; with embedded H2 they also run the database
 * itself, so the figures are the whole system's.
 *
 * <p>Run (see {@code benchmarks/README.md}):
 *
 * <pre>
 * benchmarks/run 'db.DbBenchmark' -f 1 -wi 1 -i 2 -w 2s -r 2s
 * benchmarks/run 'db.DbBenchmark' -f 1 -wi 1 -i 2 -w 2s -r 2s -p url='jdbc:postgresql://127.0.0.1/bench?user=bench'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(DbBenchmark.THREADS)
public class DbBenchmark {
    static final int THREADS = 16;
    static final int SIZE = 1 << 12;
    static final String H2 = "jdbc:h2:mem:mastersim-bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
    private static final AtomicInteger SEEDS = new AtomicInteger();

    @Param({"read", "jdk", "pessimistic", "atomic", "optimistic", "nowait", "skip-locked"})
    String strategy;

    @Param({"1", "4", "16"})
    int pool;

    @Param({"1", "1000"})
    int hot;

    /** The JDBC URL; empty: the system property {@code mastersim.jdbc.url}, else embedded H2. */
    @Param({""})
    String url;

    HikariDataSource dataSource;
    AtomicLongArray counters;
    DbStrategy transaction;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        counters = new AtomicLongArray(hot);
        transaction = strategy.equals("read") || strategy.equals("jdk") ? null : DbStrategy.of(strategy);
        dataSource = pool(jdbcUrl(url), pool);
        try (Connection c = dataSource.getConnection()) {
            CounterTable.create(c, hot);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dataSource.close();
    }

    /** One thread's pre-drawn rows. */
    @State(Scope.Thread)
    public static class Rows {
        final int[] ids = new int[SIZE];
        int index;

        @Setup
        public void setUp(DbBenchmark b) {
            SplittableRandom random = new SplittableRandom(42 + SEEDS.getAndIncrement());
            for (int i = 0; i < SIZE; i++) {
                ids[i] = random.nextInt(b.hot);
            }
        }

        int next() {
            return ids[index++ & (SIZE - 1)];
        }
    }

    /** Attempts beyond the first, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Retries {
        public long retries;

        @Setup(Level.Iteration)
        public void reset() {
            retries = 0;
        }
    }

    @Benchmark
    public long transaction(Rows rows, Retries retries) throws SQLException {
        int id = rows.next();
        if (transaction == null) {
            return strategy.equals("jdk") ? counters.incrementAndGet(id) : read(id);
        }
        try (Connection c = dataSource.getConnection()) {
            int attempts = transaction.increment(c, id, hot, DbStrategy.Pause.NONE);
            retries.retries += attempts - 1;
            return attempts;
        }
    }

    private long read(int id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT n FROM " + CounterTable.NAME + " WHERE id = ?")) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                long n = r.next() ? r.getLong(1) : -1;
                c.commit();
                return n;
            }
        }
    }

    /** The URL to use: the parameter, else the system property, else embedded H2. */
    static String jdbcUrl(String param) {
        if (!param.isEmpty()) {
            return param;
        }
        return System.getProperty("mastersim.jdbc.url", H2);
    }

    /** A HikariCP pool of {@code size} connections, auto-commit off, read committed. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("mastersim.jdbc.user", url.startsWith("jdbc:h2:") ? "sa" : null));
        config.setPassword(System.getProperty("mastersim.jdbc.password", ""));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(60_000);
        config.setPoolName("bench-" + size);
        return new HikariDataSource(config);
    }
}
