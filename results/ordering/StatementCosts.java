import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * One thread, one connection, embedded H2 in memory: the time of one whole transaction of each strategy
 * of the database benchmark (DbBenchmark/DbStrategy), with its statements prepared per call as there, on
 * one row (no contention: one thread). Run from the repository root after building the jar:
 *
 * <pre>
 * java -cp target/mastersim-0.1.0-SNAPSHOT-all.jar results/ordering/StatementCosts.java
 * </pre>
 *
 * The strategies take turns, 5 rounds of 20,000 transactions each after a warm-up, so a burst of load on a
 * shared machine hits them all alike; medians are less disturbed by it than means.
 */
public final class StatementCosts {
    static final String[] NAMES = {"pessimistic", "nowait", "optimistic", "atomic"};

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:mem:costs;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000", "sa", "")) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_counter (id INT PRIMARY KEY, n BIGINT NOT NULL, version BIGINT NOT NULL)");
                s.execute("INSERT INTO bench_counter VALUES (0, 0, 0)");
            }
            c.commit();
            int rounds = 5;
            int perRound = 20_000;
            long[][] nanos = new long[NAMES.length][rounds * perRound];
            for (int k = 0; k < NAMES.length; k++) {
                for (int i = 0; i < perRound; i++) {
                    once(c, k);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < NAMES.length; k++) {
                    for (int i = 0; i < perRound; i++) {
                        long t0 = System.nanoTime();
                        once(c, k);
                        nanos[k][r * perRound + i] = System.nanoTime() - t0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s %10s%n", "strategy", "n", "mean us", "p50 us", "p90 us");
            for (int k = 0; k < NAMES.length; k++) {
                long[] t = nanos[k];
                double mean = Arrays.stream(t).average().orElse(0) / 1e3;
                Arrays.sort(t);
                System.out.printf(Locale.ROOT, "%-12s %10d %10.1f %10.1f %10.1f%n",
                        NAMES[k], t.length, mean, t[t.length / 2] / 1e3, t[(int) (t.length * 0.9)] / 1e3);
            }
        }
    }

    static void once(Connection c, int k) throws SQLException {
        switch (k) {
            case 0 -> setN(c, readN(c, "SELECT n FROM bench_counter WHERE id = 0 FOR UPDATE") + 1);
            case 1 -> setN(c, readN(c, "SELECT n FROM bench_counter WHERE id = 0 FOR UPDATE NOWAIT") + 1);
            case 2 -> {
                long n;
                long v;
                try (PreparedStatement s = c.prepareStatement("SELECT n, version FROM bench_counter WHERE id = 0");
                        ResultSet r = s.executeQuery()) {
                    r.next();
                    n = r.getLong(1);
                    v = r.getLong(2);
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE bench_counter SET n = ?, version = ? WHERE id = 0 AND version = ?")) {
                    s.setLong(1, n + 1);
                    s.setLong(2, v + 1);
                    s.setLong(3, v);
                    if (s.executeUpdate() != 1) {
                        throw new SQLException("version moved with one thread");
                    }
                }
            }
            default -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE bench_counter SET n = n + 1 WHERE id = 0")) {
                    s.executeUpdate();
                }
            }
        }
        c.commit();
    }

    static long readN(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    static void setN(Connection c, long n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE bench_counter SET n = ? WHERE id = 0")) {
            s.setLong(1, n);
            s.executeUpdate();
        }
    }
}
