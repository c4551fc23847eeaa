package dev.mastersim.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One hot-counter transaction, "add one to row {@code id}'s counter", written in each locking style a
 * developer chooses between. Each runs on a connection with auto-commit off, commits, and returns the
 * number of attempts it took (1 when it never had to start again); on an error it rolls back and throws.
 *
 * <ul>
 *   <li>{@link #PESSIMISTIC}: {@code SELECT … FOR UPDATE}, then {@code UPDATE}: a second transaction on the
 *       row waits for the first to commit;
 *   <li>{@link #ATOMIC}: one {@code UPDATE … SET n = n + 1}: waits too, but holds the row lock for one
 *       statement and needs no read;
 *   <li>{@link #OPTIMISTIC}: read {@code n} and {@code version} without a lock, then
 *       {@code UPDATE … WHERE version = ?}; when another transaction got there first, no row matches, and
 *       it rolls back and starts again;
 *   <li>{@link #NOWAIT}: {@code SELECT … FOR UPDATE NOWAIT}: a locked row fails at once instead of
 *       waiting, and the transaction starts again;
 *   <li>{@link #SKIP_LOCKED}: any unlocked row of the hot set, searched from {@code id} upwards and then
 *       wrapping, with {@code FOR UPDATE SKIP LOCKED} (the job-queue idiom: the work goes to whichever row
 *       is free, so the counters are a sharded total); when every row is locked it starts again.
 * </ul>
 */
enum DbStrategy {
    PESSIMISTIC("pessimistic") {
        @Override
        int increment(Connection c, int id, int rows, Pause pause) throws SQLException {
            return once(c, () -> {
                long n = readN(c, "SELECT n FROM " + CounterTable.NAME + " WHERE id = ? FOR UPDATE", id);
                pause.at(1);
                setN(c, id, n + 1);
            });
        }
    },
    ATOMIC("atomic") {
        @Override
        int increment(Connection c, int id, int rows, Pause pause) throws SQLException {
            return once(c, () -> {
                try (PreparedStatement s =
                        c.prepareStatement("UPDATE " + CounterTable.NAME + " SET n = n + 1 WHERE id = ?")) {
                    s.setInt(1, id);
                    expectOneRow(s.executeUpdate(), id);
                }
                pause.at(1);
            });
        }
    },
    OPTIMISTIC("optimistic") {
        @Override
        int increment(Connection c, int id, int rows, Pause pause) throws SQLException {
            try (PreparedStatement read =
                            c.prepareStatement("SELECT n, version FROM " + CounterTable.NAME + " WHERE id = ?");
                    PreparedStatement write = c.prepareStatement(
                            "UPDATE " + CounterTable.NAME + " SET n = ?, version = ? WHERE id = ? AND version = ?")) {
                for (int attempt = 1; ; attempt++) {
                    read.setInt(1, id);
                    long n;
                    long version;
                    try (ResultSet r = read.executeQuery()) {
                        expectRow(r.next(), id);
                        n = r.getLong(1);
                        version = r.getLong(2);
                    }
                    pause.at(attempt);
                    write.setLong(1, n + 1);
                    write.setLong(2, version + 1);
                    write.setInt(3, id);
                    write.setLong(4, version);
                    if (write.executeUpdate() == 1) {
                        c.commit();
                        return attempt;
                    }
                    c.rollback();
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    },
    NOWAIT("nowait") {
        @Override
        int increment(Connection c, int id, int rows, Pause pause) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                try {
                    long n = readN(c, "SELECT n FROM " + CounterTable.NAME + " WHERE id = ? FOR UPDATE NOWAIT", id);
                    pause.at(attempt);
                    setN(c, id, n + 1);
                    c.commit();
                    return attempt;
                } catch (SQLException e) {
                    c.rollback();
                    if (!isLockNotAvailable(e)) {
                        throw e;
                    }
                    Thread.yield();
                }
            }
        }
    },
    SKIP_LOCKED("skip-locked") {
        @Override
        int increment(Connection c, int id, int rows, Pause pause) throws SQLException {
            String select = "SELECT id, n FROM " + CounterTable.NAME
                    + " WHERE id >= ? AND id < ? ORDER BY id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED";
            try (PreparedStatement s = c.prepareStatement(select)) {
                for (int attempt = 1; ; attempt++) {
                    long[] row = firstUnlocked(s, id, rows);
                    if (row == null) {
                        row = firstUnlocked(s, 0, id);
                    }
                    if (row != null) {
                        pause.at(attempt);
                        setN(c, (int) row[0], row[1] + 1);
                        c.commit();
                        return attempt;
                    }
                    c.rollback();
                    Thread.yield();
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }

        /** {id, n} of the first row in [from, to) nobody has locked, locked now; null if none. */
        private long[] firstUnlocked(PreparedStatement s, int from, int to) throws SQLException {
            if (from >= to) {
                return null;
            }
            s.setInt(1, from);
            s.setInt(2, to);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new long[] {r.getInt(1), r.getLong(2)} : null;
            }
        }
    };

    /** Called once per attempt after the transaction's first statement (its lock or its read), before it writes. */
    @FunctionalInterface
    interface Pause {
        Pause NONE = attempt -> {};

        void at(int attempt) throws SQLException;
    }

    /** The statements of a transaction that never starts again. */
    @FunctionalInterface
    private interface Statements {
        void run() throws SQLException;
    }

    final String label;

    DbStrategy(String label) {
        this.label = label;
    }

    /** Adds one to row {@code id}'s counter (SKIP LOCKED: to a free row of the {@code rows} hot ones); returns the attempts. */
    abstract int increment(Connection c, int id, int rows, Pause pause) throws SQLException;

    static DbStrategy of(String label) {
        for (DbStrategy s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy: " + label);
    }

    /**
     * Whether {@code e} says a row was locked and NOWAIT refused to wait: PostgreSQL's SQLSTATE 55P03
     * ({@code lock_not_available}), H2's lock time-out (SQLSTATE HYT00, error 50200).
     */
    static boolean isLockNotAvailable(SQLException e) {
        String state = e.getSQLState();
        return "55P03".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 50200;
    }

    /** Runs {@code statements} and commits (one attempt), or rolls back and rethrows. */
    private static int once(Connection c, Statements statements) throws SQLException {
        try {
            statements.run();
            c.commit();
            return 1;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static long readN(Connection c, String sql, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                expectRow(r.next(), id);
                return r.getLong(1);
            }
        }
    }

    private static void setN(Connection c, int id, long n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + CounterTable.NAME + " SET n = ? WHERE id = ?")) {
            s.setLong(1, n);
            s.setInt(2, id);
            expectOneRow(s.executeUpdate(), id);
        }
    }

    private static void expectRow(boolean found, int id) throws SQLException {
        if (!found) {
            throw new SQLException("no row " + id + " in " + CounterTable.NAME);
        }
    }

    private static void expectOneRow(int updated, int id) throws SQLException {
        expectRow(updated == 1, id);
    }
}
