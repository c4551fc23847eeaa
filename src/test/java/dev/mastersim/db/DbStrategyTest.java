package dev.mastersim.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each {@link DbStrategy} does what its name says, on embedded H2 (or the database of
 * {@code -Dmastersim.jdbc.url}) through the benchmark's own HikariCP pool: two transactions on one row are stepped by hand (the first stops after its first statement), and
 * afterwards the counters add up.
 */
final class DbStrategyTest {
    /** How long a transaction that should be waiting or retrying is given to (wrongly) finish. */
    private static final long WAIT_MS = 300;

    /** The default database; {@code -Dmastersim.jdbc.url=…} runs the same checks on another (e.g. PostgreSQL). */
    private static final String H2 = "jdbc:h2:mem:strategy-test;LOCK_TIMEOUT=10000";

    private HikariDataSource pool;
    private int rows;
    private ExecutorService threads;

    @BeforeEach
    void setUp() throws SQLException {
        pool = DbBenchmark.pool(System.getProperty("mastersim.jdbc.url", H2), 4);
        threads = Executors.newFixedThreadPool(2);
        table(1);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        pool.close();
    }

    /**
     * While the first transaction holds the row, the second does not finish: the locking strategies
     * (pessimistic, atomic) wait for the row lock and take one attempt; the refusing ones (NOWAIT, and
     * SKIP LOCKED with no other row) start again until the row is free.
     */
    @ParameterizedTest
    @CsvSource({"PESSIMISTIC, false", "ATOMIC, false", "NOWAIT, true", "SKIP_LOCKED, true"})
    void aSecondTransactionOnTheLockedRowFinishesOnlyAfterTheFirstCommits(DbStrategy strategy, boolean retries)
            throws Exception {
        Held first = hold(strategy, 0);

        Future<Integer> second = run(strategy, 0, DbStrategy.Pause.NONE);
        assertUnfinished(second);
        first.release();

        assertThat(first.attempts.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        int attempts = second.get(10, TimeUnit.SECONDS);
        if (retries) {
            assertThat(attempts).isGreaterThan(1);
        } else {
            assertThat(attempts).isEqualTo(1);
        }
        assertThat(total()).isEqualTo(2);
    }

    @Test
    void optimisticDoesNotWaitButRetriesWhenAnotherCommitsFirst() throws Exception {
        Held first = hold(DbStrategy.OPTIMISTIC, 0);

        // the second reads the same version, is not blocked by the first's plain read, and commits
        assertThat(run(DbStrategy.OPTIMISTIC, 0, DbStrategy.Pause.NONE).get(10, TimeUnit.SECONDS))
                .isEqualTo(1);
        first.release();

        // the first's UPDATE ... WHERE version = ? matches nothing now: it reads again and succeeds
        assertThat(first.attempts.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(total()).isEqualTo(2);
    }

    @Test
    void skipLockedTakesAnotherFreeRowWithoutWaiting() throws Exception {
        table(2);
        Held first = hold(DbStrategy.SKIP_LOCKED, 0);

        // row 0 is locked, row 1 is free: the second finishes while the first still holds row 0
        assertThat(run(DbStrategy.SKIP_LOCKED, 0, DbStrategy.Pause.NONE).get(10, TimeUnit.SECONDS))
                .isEqualTo(1);
        assertThat(count(1)).isEqualTo(1);
        first.release();

        assertThat(first.attempts.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(count(0)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(DbStrategy.class)
    void noUpdateIsLostUnderTwoThreadsOnOneRow(DbStrategy strategy) throws Exception {
        int each = 300;
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(threads.submit(() -> {
                int attempts = 0;
                for (int i = 0; i < each; i++) {
                    try (Connection c = pool.getConnection()) {
                        attempts += strategy.increment(c, 0, 1, DbStrategy.Pause.NONE);
                    }
                }
                return attempts;
            }));
        }
        int attempts = 0;
        for (Future<Integer> w : workers) {
            attempts += w.get(60, TimeUnit.SECONDS);
        }

        assertThat(total()).isEqualTo(2L * each);
        assertThat(attempts).isGreaterThanOrEqualTo(2 * each);
        if (strategy == DbStrategy.PESSIMISTIC || strategy == DbStrategy.ATOMIC) {
            assertThat(attempts).isEqualTo(2 * each);
        }
    }

    /** A transaction of {@code strategy} on row {@code id}, stopped after its first statement until released. */
    private Held hold(DbStrategy strategy, int id) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> attempts = run(strategy, id, attempt -> {
            reached.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
        });
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        return new Held(attempts, go);
    }

    private record Held(Future<Integer> attempts, CountDownLatch go) {
        void release() {
            go.countDown();
        }
    }

    private Future<Integer> run(DbStrategy strategy, int id, DbStrategy.Pause pause) {
        int rows = this.rows;
        return threads.submit(() -> {
            try (Connection c = pool.getConnection()) {
                return strategy.increment(c, id, rows, pause);
            }
        });
    }

    private static void assertUnfinished(Future<Integer> f) throws Exception {
        try {
            Integer done = f.get(WAIT_MS, TimeUnit.MILLISECONDS);
            throw new AssertionError("finished with " + done + " attempts while the row was locked");
        } catch (TimeoutException expected) {
            assertThat(f.isDone()).isFalse();
        }
    }

    private void table(int rows) throws SQLException {
        this.rows = rows;
        try (Connection c = pool.getConnection()) {
            CounterTable.create(c, rows);
        }
    }

    private long total() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return CounterTable.total(c);
        }
    }

    private long count(int id) throws SQLException {
        try (Connection c = pool.getConnection();
                var s = c.prepareStatement("SELECT n FROM " + CounterTable.NAME + " WHERE id = ?")) {
            s.setInt(1, id);
            try (var r = s.executeQuery()) {
                r.next();
                long n = r.getLong(1);
                c.commit();
                return n;
            }
        }
    }
}
