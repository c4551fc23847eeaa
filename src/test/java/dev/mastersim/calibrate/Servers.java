package dev.mastersim.calibrate;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests measure: {@code MASTERSIM_PG_URL} (a JDBC URL; user and password in it or
 * in {@code MASTERSIM_PG_USER}, {@code MASTERSIM_PG_PASSWORD}). {@code .ci/run} starts a throw-away cluster
 * and sets it. With {@code CI} set, a missing or unreachable server fails the test; without, it is skipped.
 */
final class Servers {
    static final String URL_ENV = "MASTERSIM_PG_URL";

    private Servers() {}

    /** The server's URL, after checking that it answers. */
    static String postgres() {
        String url = System.getenv(URL_ENV);
        boolean ci = System.getenv("CI") != null;
        if (url == null || url.isBlank()) {
            if (ci) {
                fail(URL_ENV + " is not set, and CI is: .ci/run starts a PostgreSQL server and sets it");
            }
            Assumptions.abort(URL_ENV + " is not set: no PostgreSQL server to measure (see README, calibrate)");
        }
        try (Connection c = DriverManager.getConnection(url, user(), password())) {
            c.isValid(5);
        } catch (SQLException e) {
            if (ci) {
                fail("PostgreSQL at " + URL_ENV + " does not answer: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at " + URL_ENV + " does not answer: " + e.getMessage());
        }
        return url;
    }

    static String user() {
        return System.getenv("MASTERSIM_PG_USER");
    }

    static String password() {
        return System.getenv("MASTERSIM_PG_PASSWORD");
    }
}
