package dev.mastersim.calibrate;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The two tables a run owns, named with a prefix of its own ({@code mastersim_cal_} and random hex), so
 * it never touches another table and two runs never share one: {@code _rows} (the big table) and
 * {@code _hot} (the hot rows). Created and filled by {@link #create}, dropped by {@link #drop}.
 */
public final class Tables {
    /** Prefix of every table calibrate creates. */
    public static final String PREFIX = "mastersim_cal_";

    private final String prefix;

    private Tables(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh, random prefix. */
    static Tables fresh() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return new Tables(PREFIX + HexFormat.of().formatHex(b));
    }

    public String prefix() {
        return prefix;
    }

    String rows() {
        return prefix + "_rows";
    }

    String hot() {
        return prefix + "_hot";
    }

    /** Creates both tables and fills them: {@code rows} and {@code hotRows} rows, every counter 0. */
    void create(Connection c, int rows, int hotRows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + rows() + " (id INTEGER PRIMARY KEY, n BIGINT NOT NULL, pad VARCHAR(100))");
            s.execute("CREATE TABLE " + hot() + " (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        fill(c, "INSERT INTO " + rows() + " (id, n, pad) VALUES (?, 0, ?)", rows, true);
        fill(c, "INSERT INTO " + hot() + " (id, n) VALUES (?, 0)", hotRows, false);
        c.commit();
        c.setAutoCommit(auto);
        try (Statement s = c.createStatement()) {
            if (c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres")) {
                s.execute("ANALYZE " + rows());
                s.execute("ANALYZE " + hot());
            }
        }
    }

    private static void fill(Connection c, String sql, int n, boolean pad) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < n; i++) {
                p.setInt(1, i);
                if (pad) {
                    p.setString(2, "x".repeat(80));
                }
                p.addBatch();
                if (i % 1000 == 999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** Drops both tables if they exist; never any other. */
    void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + rows());
            s.execute("DROP TABLE IF EXISTS " + hot());
        }
    }

    /** Total of the counters: every committed update adds 1 (a check that no update was lost). */
    long total(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT COALESCE(SUM(n), 0) FROM " + rows()
                        + ") + (SELECT COALESCE(SUM(n), 0) FROM " + hot() + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
