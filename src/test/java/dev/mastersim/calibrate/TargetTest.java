package dev.mastersim.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The embedded database: a real file database while it is open, nothing left after. */
final class TargetTest {
    @Test
    void embeddedH2IsAFileDatabaseDeletedOnClose() throws Exception {
        Path dir;
        try (Target t = Target.open(null, null, null, "test", 10)) {
            dir = t.directory();
            try (Connection c = t.connect()) {
                Tables tables = Tables.fresh();
                tables.create(c, 10, 1);
                assertThat(tables.total(c)).isZero();
            }
            assertThat(t.embedded()).isTrue();
            assertThat(Files.list(dir)).isNotEmpty(); // the database's files
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void lockErrorsAreClassifiedBySqlState() {
        assertThat(Target.deadlock(new SQLException("x", "40P01"))).isTrue();
        assertThat(Target.deadlock(new SQLException("x", "40001"))).isTrue();
        assertThat(Target.lockTimeout(new SQLException("x", "55P03"))).isTrue();
        assertThat(Target.lockTimeout(new SQLException("x", "HYT00"))).isTrue();
        assertThat(Target.deadlock(new SQLException("x", "23505"))).isFalse();
    }

    @Test
    void aPasswordInAUrlIsNeverShown() throws Exception {
        try (Target t =
                Target.open("jdbc:postgresql://127.0.0.1:5432/db?user=u&password=secret", null, null, "t", 10)) {
            assertThat(t.url()).doesNotContain("secret");
        }
    }
}
