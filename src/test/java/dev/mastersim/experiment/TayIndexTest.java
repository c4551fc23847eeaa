package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Tay, Goodman &amp; Suri's closed model (k = 8 exclusive locks on D = 1,000 granules, steps of mean
 * 1 ms, no other resource): throughput peaks past k²N/D ≈ 1.5 and then thrashes. The lock table's
 * load index must reach 1 after the onset region k²N/D = 1.2 and by the throughput peak, so the
 * bottleneck is named before the curve turns down and not long before. (Measured: 0.89 at N = 18,
 * k²N/D = 1.15; 1.01 at N = 20; throughput peaks at N = 25 with index 1.32.)
 */
@ExperimentScale
final class TayIndexTest {
    private static RunResult run(int n) {
        var s = TestScenarios.closedLocking(n, 8, 1000, 0.001, 100, 4);
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    @Test
    void theLockIndexCrossesOneBetweenTheOnsetAndTheThroughputPeak() {
        int[] levels = {10, 15, 18, 20, 23, 25, 30, 40, 50};
        double[] x = new double[levels.length];
        double[] index = new double[levels.length];
        int peak = 0;
        for (int i = 0; i < levels.length; i++) {
            RunResult r = run(levels[i]);
            x[i] = r.mean("all", "throughput_per_s");
            index[i] = r.verdict().indices().get("master.locks:items");
            if (x[i] > x[peak]) {
                peak = i;
            }
        }
        for (int i = 0; i < levels.length; i++) {
            double load = 64.0 * levels[i] / 1000;
            if (load <= 1.2) {
                assertThat(index[i])
                        .as("N = %d (k²N/D = %.2f)", levels[i], load)
                        .isLessThan(1);
            }
        }
        assertThat(index[peak])
                .as("at the throughput peak, N = %d", levels[peak])
                .isGreaterThanOrEqualTo(1);
    }
}
