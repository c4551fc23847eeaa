package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.analytic.MG1;
import dev.mastersim.analytic.MMc;
import dev.mastersim.analytic.Mva;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator against closed forms, through the real run path (scenario records, model,
 * replications, estimates). Pass rule: the exact value lies inside the 95% confidence interval
 * widened by 1% of the value, and the mean is within 3% of it (5% for utilisation ≥ 0.9 and for
 * p99). Each run is long enough that the interval's half-width is at most half the tolerance; that
 * is asserted too, so a shortened run fails instead of passing loosely. Every run also obeys the
 * operational laws at every station: Little's law for the waiting line (Lq = X·Wq) and the
 * utilisation law (U = X·S/c).
 */
@ExperimentScale
final class ClosedFormTest {
    private static final double MS = 1e-3;

    @Test
    void mm1AtHalfLoad() {
        RunResult r = run(TestScenarios.masterCpu(500, 1, new Dist.Exponential(MS), 400, 10));
        MMc q = new MMc(500, MS, 1);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "utilisation"), q.utilisation(), 0.03);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
    }

    @Test
    void mm1AtEightyPercent() {
        RunResult r = run(TestScenarios.masterCpu(800, 1, new Dist.Exponential(MS), 1200, 20));
        MMc q = new MMc(800, MS, 1);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "wait_ms"), q.meanWait() / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "utilisation"), q.utilisation(), 0.03);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
    }

    @Test
    void mmcWithEightServers() {
        double s = 8 * MS;
        RunResult r = run(TestScenarios.masterCpu(900, 8, new Dist.Exponential(s), 800, 10));
        MMc q = new MMc(900, s, 8);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "utilisation"), q.utilisation(), 0.05);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
    }

    @Test
    void mmcWithSixteenServers() {
        double s = 16 * MS;
        RunResult r = run(TestScenarios.masterCpu(900, 16, new Dist.Exponential(s), 300, 10));
        MMc q = new MMc(900, s, 16);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "utilisation"), q.utilisation(), 0.03);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
    }

    @Test
    void md1() {
        RunResult r = run(TestScenarios.masterCpu(700, 1, new Dist.Constant(MS), 300, 10));
        MG1 q = MG1.ofCv(700, MS, 0);
        expect(r.figure("stations", "master.cpu", "wait_ms"), q.meanWait() / MS, 0.03);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
    }

    @Test
    void mg1WithHighVarianceService() {
        RunResult r = run(TestScenarios.masterCpu(500, 1, new Dist.Gamma(MS, 2), 1500, 20));
        MG1 q = MG1.ofCv(500, MS, 2);
        expect(r.figure("stations", "master.cpu", "wait_ms"), q.meanWait() / MS, 0.03);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
    }

    @Test
    void replicaReadsAreAnMm1QueueToo() {
        RunResult r = run(TestScenarios.replicaCpu(600, 1, new Dist.Exponential(MS), 400, 10));
        MMc q = new MMc(600, MS, 1);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "replica-1.cpu", "utilisation"), q.utilisation(), 0.03);
    }

    @Test
    void closedNetworkMatchesExactMva() {
        int users = 20;
        double think = 50 * MS;
        double read = 2 * MS;
        double cpu = 3 * MS;
        RunResult r = run(TestScenarios.closedTwoStations(users, think, read, cpu, 400, 10));
        Mva.Result mva = Mva.solve(new double[] {read, cpu}, think, users);
        expect(r.figure("all", "throughput_per_s"), mva.throughput(users), 0.03);
        expect(r.figure("all", "response_ms", "mean"), mva.responseTime(users) / MS, 0.03);
        expect(r.figure("stations", "master.cpu", "utilisation"), mva.utilisation(users, 1), 0.03);
    }

    private static RunResult run(Scenario s) {
        RunSettings settings = RunSettings.of(s);
        RunResult r = Experiment.run(s, Experiment.peakLoad(s, 0, settings), settings);
        assertOperationalLaws(r);
        return r;
    }

    static void expect(Figure f, double exact, double tolerance) {
        assertThat(f).as("figure").isNotNull();
        String what = String.format("simulated %.5f ± %.5f against exact %.5f", f.mean(), f.ci95(), exact);
        assertThat(f.ci95())
                .as("run long enough: CI half-width at most half the tolerance; " + what)
                .isLessThanOrEqualTo(tolerance / 2 * Math.abs(exact));
        assertThat(exact)
                .as("exact inside the CI widened by 1%; " + what)
                .isBetween(f.lower() - 0.01 * Math.abs(exact), f.upper() + 0.01 * Math.abs(exact));
        assertThat(Math.abs(f.mean() - exact))
                .as("within %.0f%%; %s", tolerance * 100, what)
                .isLessThanOrEqualTo(tolerance * Math.abs(exact));
    }

    /** Little's law for each station's waiting line, and the utilisation law, in every run. */
    static void assertOperationalLaws(RunResult r) {
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            if (p.size() != 3 || !p.get(0).equals("stations") || !p.get(2).equals("busy_servers")) {
                continue;
            }
            String st = p.get(1);
            double x = r.mean("stations", st, "throughput_per_s");
            double lq = r.mean("stations", st, "queue_length");
            double wq = r.mean("stations", st, "wait_ms") * MS;
            double busy = r.mean("stations", st, "busy_servers");
            double service = r.mean("stations", st, "service_ms") * MS;
            // both sides are time averages over the same window; they differ only by the jobs
            // in the line at its two ends, a vanishing share of a long run
            assertThat(lq).as("Little's law at %s: Lq = X·Wq", st).isCloseTo(x * wq, within(x * wq));
            assertThat(busy).as("utilisation law at %s: busy = X·S", st).isCloseTo(x * service, within(x * service));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double v) {
        return org.assertj.core.data.Offset.offset(0.01 * v + 1e-3);
    }
}
