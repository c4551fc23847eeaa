package dev.mastersim.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table the database strategies contend on: {@code bench_counter(id, n, version)}, one row per hot
 * key, each counter starting at 0. Plain SQL that H2 and PostgreSQL both accept.
 */
final class CounterTable {
    static final String NAME = "bench_counter";

    private CounterTable() {}

    /** Drops and recreates the table with {@code rows} counters at 0, ids 0 to rows - 1, and commits. */
    static void create(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + NAME);
            s.execute("CREATE TABLE " + NAME + " (id INT PRIMARY KEY, n BIGINT NOT NULL, version BIGINT NOT NULL)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + NAME + " VALUES (?, 0, 0)")) {
            for (int id = 0; id < rows; id++) {
                insert.setInt(1, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        commit(c);
    }

    /** The sum of every counter. */
    static long total(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(SUM(n), 0) FROM " + NAME)) {
            r.next();
            long total = r.getLong(1);
            commit(c);
            return total;
        }
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
