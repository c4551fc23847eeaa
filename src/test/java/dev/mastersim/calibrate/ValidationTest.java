package dev.mastersim.calibrate;

import static dev.mastersim.experiment.result.ValidationResult.Judgement.MET;
import static dev.mastersim.experiment.result.ValidationResult.Judgement.MISSED;
import static dev.mastersim.experiment.result.ValidationResult.Outcome.AGREES;
import static dev.mastersim.experiment.result.ValidationResult.Outcome.DISAGREES;
import static dev.mastersim.experiment.result.ValidationResult.Outcome.UNDECIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
            rows.add(Validation.row(m, List.of(m), sim(model[i][0], model[i][1])));
        }
        return rows;
    }

    @Test
    void withinTheGoalsAndTheSameFallItPasses() {
        var rows = rows(
                new double[][] {{1, 100, 10}, {2, 180, 12}, {4, 150, 30}, {8, 120, 70}},
                new double[][] {{110, 9}, {170, 14}, {140, 33}, {110, 80}});
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 1, HOT, "PostgreSQL 15", out)).isEqualTo(AGREES);
        assertThat(out).anyMatch(l -> l.contains("the same shape"));
    }

    @Test
    void aFallTheModelDoesNotShowNamesTheMissingMechanism() {
        var rows = rows(
                new double[][] {{1, 100, 10}, {2, 180, 12}, {4, 150, 30}, {8, 120, 70}},
                new double[][] {{105, 10}, {175, 12}, {178, 25}, {179, 50}});
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 1, HOT, "PostgreSQL 15", out)).isEqualTo(DISAGREES);
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
        assertThat(Validation.verdict(rows, 2, HOT, "PostgreSQL 15", out)).isEqualTo(DISAGREES);
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

    /** A level measured several times: its repeats' throughputs and p95s, the rest from {@link #step}. */
    private static List<MeasuredStep> repeats(int clients, double[] throughputs, double[] p95s) {
        List<MeasuredStep> l = new ArrayList<>();
        for (int i = 0; i < throughputs.length; i++) {
            l.add(step(clients, throughputs[i], p95s[i]));
        }
        return l;
    }

    @Test
    void theMeanOfTheRepeatsIsFigureByFigureAndTheSpreadIsTheFarthestFromIt() {
        List<MeasuredStep> l = repeats(1, new double[] {300, 600, 1200}, new double[] {2, 4, 6});
        MeasuredStep m = Validation.mean(l);
        assertThat(m.clients()).isEqualTo(1);
        assertThat(m.seconds()).isEqualTo(3.0); // three repeats of one second each
        assertThat(m.throughput()).isCloseTo(700, offset(1e-9));
        assertThat(m.p95Ms()).isCloseTo(4, offset(1e-12));
        assertThat(m.meanMs()).isCloseTo(2, offset(1e-12)); // step() makes the mean half the p95
        ValidationResult.Row r = Validation.row(m, l, sim(700, 4));
        assertThat(r.throughputMin()).isEqualTo(300);
        assertThat(r.throughputMax()).isEqualTo(1200);
        // 1200 is 500 from the mean of 700, 300 only 400
        assertThat(r.throughputSpread()).isCloseTo(500.0 / 700, offset(1e-12));
        assertThat(r.p95Spread()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void aFigureIsJudgedOnlyWhereTheDatabaseRepeatsItselfBetterThanTheModelMisses() {
        assertThat(Validation.judge(0.10, 0.05, 0.15)).isEqualTo(MET);
        assertThat(Validation.judge(-0.40, 0.05, 0.15)).isEqualTo(MISSED);
        // the database's own repeats lie 48% from their mean: a model 40% off cannot be judged
        assertThat(Validation.judge(-0.40, 0.48, 0.15)).isEqualTo(ValidationResult.Judgement.UNDECIDED);
        // within the goal, but of a mean that itself moves by 30%: no judgement either
        assertThat(Validation.judge(0.05, 0.30, 0.15)).isEqualTo(ValidationResult.Judgement.UNDECIDED);
        // past the goal and past the spread: a miss however noisy the database
        assertThat(Validation.judge(0.60, 0.30, 0.15)).isEqualTo(MISSED);
        assertThat(Validation.judge(Double.NaN, 0, 0.15)).isEqualTo(MISSED);
    }

    /**
     * The measurement this option exists for: PostgreSQL's hot row at 1 client ran 368/s in one run and
     * 1,054/s in the next. Against their mean (711/s), a model at 427/s is 40% low, inside the 48% by which
     * the database missed its own mean: the verdict says no judgement is possible, not that the model fails.
     */
    @Test
    void aLevelTheDatabaseDidNotRepeatGetsNoJudgementAndSaysWhy() {
        List<MeasuredStep> one = repeats(1, new double[] {368, 1054}, new double[] {2.2, 2.3});
        List<MeasuredStep> two = repeats(2, new double[] {1800, 1900}, new double[] {2.0, 2.1});
        List<ValidationResult.Row> rows = List.of(
                Validation.row(Validation.mean(one), one, sim(427, 2.2)),
                Validation.row(Validation.mean(two), two, sim(1830, 2.1)));
        assertThat(rows.get(0).judgement()).isEqualTo(ValidationResult.Judgement.UNDECIDED);
        assertThat(rows.get(1).judgement()).isEqualTo(MET);
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(rows, 1, HOT, "PostgreSQL 15", out)).isEqualTo(UNDECIDED);
        assertThat(out)
                .anyMatch(l -> l.startsWith("At 1 clients the database's own spread in throughput is 48% (2 repeats,"
                                + " 368.0 to 1054.0/s), at least the model's error -40%")
                        && l.endsWith("no judgement possible."));
    }

    @Test
    void aMissBeyondTheSpreadStillFails() {
        List<MeasuredStep> one = repeats(1, new double[] {1000, 1100}, new double[] {2.0, 2.1});
        ValidationResult.Row r = Validation.row(Validation.mean(one), one, sim(400, 2.0));
        assertThat(r.judgement()).isEqualTo(MISSED);
        List<String> out = new ArrayList<>();
        assertThat(Validation.verdict(List.of(r), 0, HOT, "H2", out)).isEqualTo(DISAGREES);
        assertThat(out).anyMatch(l -> l.contains("beyond the database's own spread (5% and 2%)"));
    }

    /** A fall whose repeats overlap the peak's is not the database's shape yet: undecided, no mechanism named. */
    @Test
    void aFallWithinTheRepeatsRangesIsNotAShape() {
        List<MeasuredStep> top = repeats(2, new double[] {900, 1500}, new double[] {2, 2});
        List<MeasuredStep> last = repeats(8, new double[] {700, 1000}, new double[] {9, 9});
        List<ValidationResult.Row> rows = List.of(
                Validation.row(Validation.mean(top), top, sim(1150, 2)),
                Validation.row(Validation.mean(last), last, sim(1150, 9)));
        List<String> out = new ArrayList<>();
        // 1,200/s at the peak's mean, 850/s at 8 clients: -29%, but 1,000 at 8 clients is above 900 at 2
        assertThat(Validation.verdict(rows, 0, HOT, "PostgreSQL 15", out)).isEqualTo(UNDECIDED);
        assertThat(out).anyMatch(l -> l.contains("overlap, so whether it falls, these measurements cannot tell"));
        assertThat(out).noneMatch(l -> l.startsWith("Missing mechanism"));
    }

    /** A level with its CPU measured: the backends' CPU per transaction and the machine's busy share. */
    private static MeasuredStep cpuStep(int clients, double throughput, double dbUs, double busy) {
        return new MeasuredStep(clients, 1, throughput, 1, 1, 2, 3, 0, 0, 0, 0, 0.5, 0, dbUs, dbUs * 1.2, busy, 100, 5);
    }

    @Test
    void theCpuPerWaiterIsTheLeastSquaresSlopeOverTheMeasuredLevels() {
        // 200 µs + 10 µs per waiter exactly, and one level without CPU, which is left out
        List<MeasuredStep> steps = List.of(
                cpuStep(1, 100, 200, 0.5),
                cpuStep(2, 100, 210, 0.6),
                step(3, 100, 1),
                cpuStep(4, 100, 230, 0.7),
                cpuStep(8, 100, 270, 0.9));
        double[] line = Validation.cpuPerWaiter(steps);
        assertThat(line[0]).isCloseTo(200.0, offset(1e-9));
        assertThat(line[1]).isCloseTo(10.0, offset(1e-9));
        assertThat(Validation.cpuPerWaiter(steps.subList(0, 3))).isNull(); // two measured levels: no line
    }

    @Test
    void aFallWithGrowingCpuIsNamedWorkWithTheMeasuredSlopeAndItsSerialShare() {
        List<MeasuredStep> means = List.of(
                cpuStep(1, 2000, 200, 0.5),
                cpuStep(2, 2500, 210, 0.8),
                cpuStep(4, 2400, 230, 0.95),
                cpuStep(8, 1e6 / 430, 270, 0.98));
        List<String> out = Validation.missingFall(HOT, "PostgreSQL 15", means, 1);
        assertThat(out.get(0)).startsWith("Missing mechanism");
        assertThat(out)
                .anyMatch(l -> l.startsWith("Measured (from /proc)")
                        && l.contains("210 µs at 2 clients and 270 µs at 8 (+29%)")
                        && l.contains("200 µs plus 10.0 µs per waiter")
                        && l.contains("98% at 8"));
        // the row's turn: 430 µs at 8 clients less 400 µs at 2 = 30 µs over 6 more waiters = 5 µs per waiter
        assertThat(out)
                .anyMatch(l -> l.startsWith("So the fall comes with work")
                        && l.contains("lengthens by 5.0 µs per waiter from 2 to 8 clients, 50% of the 10.0 µs")
                        && l.contains("full (98% busy)"));
        assertThat(out).noneMatch(l -> l.contains("Suspected"));
        // 5 sleeps per transaction at every level: none more per waiter
        assertThat(out).anyMatch(l -> l.contains("5.0 times per transaction at 2 clients and 5.0 at 8: 0.00 more"));
    }

    @Test
    void aFallWithFlatCpuIsNamedWaitingNotWork() {
        List<MeasuredStep> means = List.of(
                cpuStep(1, 100, 200, 0.5),
                cpuStep(2, 180, 205, 0.6),
                cpuStep(4, 150, 200, 0.6),
                cpuStep(8, 120, 210, 0.55));
        List<String> out = Validation.missingFall(HOT, "PostgreSQL 15", means, 1);
        assertThat(out).anyMatch(l -> l.startsWith("So the fall is not work"));
        assertThat(out).noneMatch(l -> l.startsWith("So the fall comes with work"));
    }

    @Test
    void withoutMeasuredCpuTheExplanationIsOnlySuspected() {
        List<MeasuredStep> means = List.of(step(1, 100, 1), step(2, 180, 1), step(4, 150, 1), step(8, 120, 1));
        List<String> out = Validation.missingFall(HOT, "PostgreSQL 15", means, 1);
        assertThat(out).anyMatch(l -> l.startsWith("Suspected, not measured here"));
        assertThat(out).noneMatch(l -> l.startsWith("Measured"));
    }
}
