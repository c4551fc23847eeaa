package dev.mastersim.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.ValidationResult;
import dev.mastersim.experiment.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate's verdict on given measurements and simulations: the goals, the shape past the peak, the words. */
final class ValidationTest {
    private static final Workload HOT = new Workload(
            Workload.Kind.HOT_ROW, Workload.Mode.CLOSED, 0, 2, 1, 1000, 1, 0.9, 0.1, 0.9, List.of(1, 2, 4, 8), 1, 10);

    private static MeasuredStep step(int clients, double throughput, double p95) {
        return new MeasuredStep(clients, 1, throughput, p95 / 2, p95 / 3, p95, p95 * 1.5, 0, 0, 0, 0, 0.5, 0);
    }

    private static RunResult sim(double throughput, double p95) {
        return new RunResult(
                "s",
                42,
                5,
                0,
                new Verdict(false, "", "master.cpu", true),
                Map.of(
                        List.of("all", "throughput_per_s"), new Figure(throughput, 1),
                        List.of("all", "response_ms", "p95"), new Figure(p95, 0.1)));
    }

    private static List<ValidationResult.Row> rows(double[][] db, double[][] model) {
        List<ValidationResult.Row> rows = new ArrayList<>();
        for (int i = 0; i < db.length; i++) {
            MeasuredStep m = step((int) db[i][0], db[i][1], db[i][2]);
            RunResult r = sim(model[i][0], model[i][1]);
            rows.add(new ValidationResult.Row(
                    m, r, Validation.relative(model[i][0], db[i][1]), Validation.relative(model[i][1], db[i][2])));
        }
        return rows;
    }

    @Test
    void withinTheGoalsAndTheSameFallItPasses() {
        var rows = rows(
                new double[][] {{1, 100, 10}, {2, 180, 12}, {4, 150, 30}, {8, 120, 70}},
                new double[][] {{110, 9}, {170, 14}, {140, 33}, {110, 80}});
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 1, HOT, "PostgreSQL 15", out)).isTrue();
        assertThat(out).anyMatch(l -> l.contains("the same shape"));
    }

    @Test
    void aFallTheModelDoesNotShowNamesTheMissingMechanism() {
        var rows = rows(
                new double[][] {{1, 100, 10}, {2, 180, 12}, {4, 150, 30}, {8, 120, 70}},
                new double[][] {{105, 10}, {175, 12}, {178, 25}, {179, 50}});
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 1, HOT, "PostgreSQL 15", out)).isFalse();
        assertThat(out).anyMatch(l -> l.contains("falls") && l.contains("stays flat") && l.contains("shapes differ"));
        assertThat(out).anyMatch(l -> l.startsWith("Missing mechanism"));
        assertThat(out).anyMatch(l -> l.contains("README.tuplock"));
        List<String> h2 = new ArrayList<>();
        Validation.verdict(rows, 1, HOT, "H2 2.3.232 (embedded)", h2);
        assertThat(h2).noneMatch(l -> l.contains("PostgreSQL")).anyMatch(l -> l.contains("rerun"));
    }

    @Test
    void aMissedGoalBelowThePeakFailsAndSaysByHowMuch() {
        var rows = rows(
                new double[][] {{1, 100, 10}, {2, 180, 12}, {4, 200, 30}},
                new double[][] {{100, 10}, {120, 12}, {200, 30}});
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 2, HOT, "PostgreSQL 15", out)).isFalse();
        assertThat(out).anyMatch(l -> l.startsWith("At 2 clients") && l.contains("throughput -33%"));
        assertThat(out).anyMatch(l -> l.contains("still highest at the last level"));
    }

    @Test
    void aHotRowFasterThanItsLoneCommitIsPointedOut() {
        // 1000/s on one row: held at most 1 ms; a lone commit of 3 ms cannot have been under the lock
        assertThat(Validation.earlyRelease(HOT, step(8, 1000, 20), 3.0, "H2"))
                .hasSize(3)
                .first()
                .asString()
                .contains("held at most 1.000 ms");
        assertThat(Validation.earlyRelease(HOT, step(8, 1000, 20), 0.5, "H2")).isEmpty();
    }
}
