package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The lock manager inside the whole model against the published lock-contention results.
 *
 * <p><b>Wait probability</b> (Gray, Homan, Obermarck &amp; Korth 1981; Gray, Helland, O'Neil &amp;
 * Shasha 1996, §2). Open arrivals at TPS, each transaction taking k exclusive locks on D uniform
 * granules with a constant action time t after each, unlimited CPU. There are n = TPS·k·t
 * transactions running; each holds on average h locks, so a request conflicts with probability
 * n·h/D and a transaction waits with probability PW = 1 − (1 − n·h/D)^k ≈ n·k·h/D. Gray takes
 * h = k/2, giving n·k²/(2D). In mastersim a lock is held during the action that follows it, so a
 * transaction holds 1, 2, ..., k locks for one action time each: h = (k+1)/2 exactly, and PW ≈
 * n·k(k+1)/(2D), which is Gray's form for large k. The test checks that form, and the two laws
 * Gray's analysis rests on: PW is linear in TPS and in 1/D.
 *
 * <p><b>Deadlocks</b>: Gray's analysis gives a deadlock rate proportional to TPS² at fixed k and D
 * (and to 1/D²); the test measures the exponent.
 */
@ExperimentScale
final class LockContentionTest {
    private static final int K = 4;
    private static final double T = 0.01;
    private static final double DURATION = 2000;
    private static final int REPS = 10;

    @Test
    void waitProbabilityFollowsGraysFormulaWithExactLockHolding() {
        for (double tps : new double[] {50, 100}) {
            Figure pw = waitProbability(tps, 2000);
            double n = tps * K * T;
            double perRequest = n * (K + 1) / 2.0 / 2000;
            double predicted = 1 - Math.pow(1 - perRequest, K);
            // the formula neglects that waiting lengthens transactions (n grows by a factor
            // 1 + O(PW)); at PW ≤ 0.02 that is under 2%, so allow the CI plus 3% of the value
            assertThat(pw.mean())
                    .as("PW at %s TPS: %s ± %s, predicted %s", tps, pw.mean(), pw.ci95(), predicted)
                    .isCloseTo(predicted, org.assertj.core.data.Offset.offset(pw.ci95() + 0.03 * predicted));
        }
    }

    @Test
    void waitProbabilityIsLinearInTpsAndInverseInDatabaseSize() {
        Figure base = waitProbability(50, 2000);
        Figure doubleTps = waitProbability(100, 2000);
        Figure halfDb = waitProbability(50, 1000);
        assertRatio(doubleTps, base, 2, "doubling TPS");
        assertRatio(halfDb, base, 2, "halving D");
    }

    @Test
    void deadlockRateGrowsWithTheSquareOfTps() {
        Figure low = lockFigure(100, 500, "deadlocks_per_s");
        Figure high = lockFigure(200, 500, "deadlocks_per_s");
        double exponent = Math.log(high.mean() / low.mean()) / Math.log(2);
        // error of the exponent from the two relative CIs (delta method)
        double err = Math.hypot(high.ci95() / high.mean(), low.ci95() / low.mean()) / Math.log(2);
        assertThat(low.mean()).as("deadlocks happen").isPositive();
        assertThat(exponent)
                .as("deadlock rate ~ TPS^%.2f ± %.2f", exponent, err)
                .isCloseTo(2.0, org.assertj.core.data.Offset.offset(err + 0.1));
        assertThat(err).as("runs long enough to tell 2 from 1 or 3").isLessThan(0.4);
    }

    private static void assertRatio(Figure a, Figure b, double expected, String what) {
        double ratio = a.mean() / b.mean();
        double err = ratio * Math.hypot(a.ci95() / a.mean(), b.ci95() / b.mean());
        // second-order terms of PW (≤ 4% here) shift the ratio by at most that much
        assertThat(ratio)
                .as("%s: ratio %s ± %s", what, ratio, err)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(err + 0.04 * expected));
    }

    private static Figure waitProbability(double tps, long d) {
        return lockFigure(tps, d, "wait_probability");
    }

    private static Figure lockFigure(double tps, long d, String metric) {
        Scenario s = TestScenarios.lockWorkload(tps, K, d, new Dist.Constant(T), DURATION, REPS);
        RunSettings set = RunSettings.of(s);
        RunResult r = Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
        return r.figure("locks", "items", metric);
    }
}
