package dev.mastersim.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.experiment.Progress;
import dev.mastersim.experiment.RunSettings;
import dev.mastersim.experiment.result.CalibrationResult;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.ValidationResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calibrate and validate against real databases with short steps (a long curve is the documented command):
 * embedded H2 always, PostgreSQL when {@link Servers} has one (always under CI).
 */
final class CalibrationTest {
    @TempDir
    Path dir;

    private static Workload workload(Workload.Kind kind, List<Integer> clients, double step) {
        return new Workload(
                kind,
                Workload.Mode.CLOSED,
                0,
                kind == Workload.Kind.HOT_ROW ? 2 : 4,
                1,
                2_000,
                1,
                0.9,
                0.1,
                0.9,
                clients,
                step,
                10.0);
    }

    private static CalibrationResult calibrate(String url, Workload w, boolean keep, StopSignal stop) throws Exception {
        return Calibration.run(
                new Calibration.Settings(
                        url,
                        url == null ? null : Servers.user(),
                        url == null ? null : Servers.password(),
                        null,
                        w,
                        keep),
                stop,
                Progress.NONE);
    }

    /** The tables of calibrate's prefix in the database at {@code url}. */
    private static int ownTables(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            int n = 0;
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).startsWith(Tables.PREFIX)) {
                    n++;
                }
            }
            return n;
        }
    }

    @Test
    void embeddedH2IsMeasuredFittedAndDeleted() throws Exception {
        CalibrationResult c =
                calibrate(null, workload(Workload.Kind.HOT_ROW, List.of(1, 2, 4, 8), 0.4), false, StopSignal.manual());
        assertThat(c.database()).startsWith("H2");
        assertThat(c.steps()).extracting(MeasuredStep::clients).containsExactly(1, 2, 4, 8);
        // embedded H2 runs in this process: its CPU is not measured, and the result says why
        assertThat(c.cpuNote()).startsWith("CPU per transaction: not measured: embedded H2");
        for (MeasuredStep s : c.steps()) {
            assertThat(s.hasCpu()).isFalse();
            assertThat(s.throughput()).isPositive();
            assertThat(s.p50Ms()).isPositive().isLessThanOrEqualTo(s.p95Ms());
            assertThat(s.p95Ms()).isLessThanOrEqualTo(s.p99Ms());
            assertThat(s.errorRate()).isZero();
            // unknown (NaN) only when no sample of H2's session view caught a transaction running,
            // which a short step at low concurrency on a loaded machine can miss
            if (!Double.isNaN(s.lockWaitShare())) {
                assertThat(s.lockWaitShare()).isBetween(0.0, 1.0);
            }
        }
        // eight clients on one hot row are always running or waiting: H2 reports its sessions' blockers
        assertThat(c.steps().get(c.steps().size() - 1).lockWaitShare()).isBetween(0.0, 1.0);
        assertThat(c.service()).allSatisfy(s -> assertThat(s.n()).isPositive());
        assertThat(c.usl()).isNotNull();
        assertThat(c.parameters())
                .extracting(CalibrationResult.Parameter::key)
                .contains(
                        "requests.txn.read_cost",
                        "requests.txn.write.cpu",
                        "requests.txn.write.cpu_per_lock",
                        "requests.txn.write.roundtrip",
                        "master.flush",
                        "master.cores");
    }

    @Test
    void scenarioItWritesLoadsAndRecordsTheWorkload() throws Exception {
        Workload w = workload(Workload.Kind.ZIPF, List.of(1, 2), 0.3);
        CalibrationResult c = calibrate(null, w, false, StopSignal.manual());
        Path file = dir.resolve("calibrated.yaml");
        Files.writeString(file, c.scenario());
        Scenario s = ScenarioLoader.load(file, List.of());
        assertThat(s.traffic().users()).isEqualTo(1);
        assertThat(s.options()).containsKeys("clients-1", "clients-2");
        assertThat(s.request("txn").write()).isNotNull();
        Recorded r = Recorded.read(file);
        assertThat(r.jdbcUrl()).isNull();
        assertThat(r.workload()).isEqualTo(w);
        // every parameter line of the fragment says where its number came from
        assertThat(c.fragment().lines().filter(l -> l.contains(": ") && !l.startsWith("#") && !l.contains("name:")))
                .allMatch(l -> l.contains("# "));
    }

    @Test
    void stopKeepsWhatWasMeasuredAndDropsTheTables() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        StopSignal stop = StopSignal.manual();
        // Ctrl-C as the third level starts: the first two are kept, the rest never run
        Progress progress = Progress.to((done, expected, message) -> {
            if (message.contains("clients 4")) {
                stop.stop();
            }
        });
        CalibrationResult c = Calibration.run(
                new Calibration.Settings(
                        url, "sa", "", null, workload(Workload.Kind.UNIFORM, List.of(1, 2, 4, 8, 16, 32), 0.3), false),
                stop,
                progress);
        assertThat(c.interrupted()).isTrue();
        assertThat(c.steps()).extracting(MeasuredStep::clients).containsExactly(1, 2);
        assertThat(ownTables(url, "sa", "")).isZero();
    }

    @Test
    void keepLeavesTheTablesOfAServerDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("kept").toAbsolutePath();
        Calibration.run(
                new Calibration.Settings(url, "sa", "", null, workload(Workload.Kind.UNIFORM, List.of(1), 0.2), true),
                StopSignal.manual(),
                Progress.NONE);
        assertThat(ownTables(url, "sa", "")).isEqualTo(2);
    }

    @Test
    void validateComparesEachLevelOnH2() throws Exception {
        Workload w = workload(Workload.Kind.UNIFORM, List.of(1, 2), 0.3);
        CalibrationResult c = calibrate(null, w, false, StopSignal.manual());
        Path file = dir.resolve("calibrated.yaml");
        Files.writeString(file, c.scenario());
        List<String> stages = new ArrayList<>();
        Progress progress = Progress.to((done, expected, message) -> {
            if (message.startsWith("database")
                    && (stages.isEmpty() || !stages.get(stages.size() - 1).equals(message))) {
                stages.add(message);
            }
        });
        ValidationResult v = Validation.run(
                "calibrated",
                new Calibration.Settings(null, null, null, null, w, false),
                sets -> ScenarioLoader.load(file, sets),
                s -> RunSettings.of(s).withReplications(2),
                2,
                StopSignal.manual(),
                progress);
        assertThat(v.rows()).hasSize(2);
        assertThat(v.repeats()).isEqualTo(2);
        for (ValidationResult.Row r : v.rows()) {
            assertThat(r.simulated().mean("all", "throughput_per_s")).isPositive();
            assertThat(r.throughputError()).isFinite();
            assertThat(r.repeats())
                    .hasSize(2)
                    .allMatch(m -> m.clients() == r.measured().clients());
            assertThat(r.measured().throughput())
                    .isCloseTo((r.throughputMin() + r.throughputMax()) / 2, offset(1e-9 * r.throughputMax()));
        }
        // the levels interleaved: 1, 2, then 1, 2 again, not 1, 1, 2, 2
        assertThat(stages)
                .containsSubsequence(
                        "database round 1, clients 1",
                        "database round 1, clients 2",
                        "database round 2, clients 1",
                        "database round 2, clients 2");
        assertThat(v.verdict()).isNotEmpty();
    }

    @Test
    void postgresqlIsMeasuredAndItsTablesDropped() throws Exception {
        String url = Servers.postgres();
        CalibrationResult c =
                calibrate(url, workload(Workload.Kind.HOT_ROW, List.of(1, 2, 4, 8), 0.4), false, StopSignal.manual());
        assertThat(c.database()).startsWith("PostgreSQL");
        boolean local = url.contains("//127.0.0.1") || url.contains("//localhost");
        for (MeasuredStep s : c.steps()) {
            assertThat(s.throughput()).isPositive();
            assertThat(s.lockWaitShare()).isBetween(0.0, 1.0); // from pg_stat_activity
            if (local) { // the server's processes are this machine's: /proc tells their CPU
                assertThat(s.dbCpuPerTxnUs()).as("db backends' CPU per txn").isPositive();
                assertThat(s.serverCpuPerTxnUs())
                        .as("whole server's CPU per txn")
                        .isPositive();
                assertThat(s.loadCpuPerTxnUs())
                        .as("load generator's CPU per txn")
                        .isPositive();
                assertThat(s.machineCpuBusy())
                        .as("machine busy")
                        .isGreaterThan(0.0)
                        .isLessThanOrEqualTo(1.0);
                // a backend sleeps between its client's statements, and here on the hot row's lock
                assertThat(s.dbSleepsPerTxn()).as("db sleeps per txn").isPositive();
            }
        }
        if (local) {
            assertThat(c.cpuNote()).isNull();
        }
        // one hot row and 8 clients: PostgreSQL reports sessions waiting on its lock
        assertThat(c.steps().get(3).lockWaitShare()).isPositive();
        assertThat(c.parameters())
                .filteredOn(p -> p.key().equals("master.group_commit"))
                .extracting(CalibrationResult.Parameter::value)
                .containsExactly("true");
        assertThat(ownTables(url, Servers.user(), Servers.password())).isZero();
    }
}
