package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class MvaTest {

    @Test
    void lazowskaChapterSixExampleQueueLengths() {
        // Lazowska et al., Quantitative System Performance, ch. 6 p. 117: CPU 121 visits × 5 ms,
        // disk 1 70 × 30 ms, disk 2 50 × 27 ms, Z = 15 s, N = 3. Exact MVA queue lengths as
        // tabulated in the LQNS libmva regression test0 (layeredqueuing/V5): 0.0976, 0.3947,
        // 0.2350, given to 4 decimals: tolerance half a unit in the last.
        Mva.Result r = Mva.solve(new double[] {121 * 0.005, 70 * 0.03, 50 * 0.027}, 15.0, 3);
        assertThat(r.queueLength(3, 0)).isCloseTo(0.0976, within(5e-5));
        assertThat(r.queueLength(3, 1)).isCloseTo(0.3947, within(5e-5));
        assertThat(r.queueLength(3, 2)).isCloseTo(0.2350, within(5e-5));
    }

    @Test
    void handComputedTwoStationExample() {
        // D = (0.4, 0.2), Z = 1, worked by hand in exact fractions:
        // n=1: R = 0.6, X = 5/8; Q = (1/4, 1/8)
        // n=2: R = (0.5, 0.225), X = 2/1.725 = 80/69
        // n=3: R = 61/69, X = 207/130
        Mva.Result r = Mva.solve(new double[] {0.4, 0.2}, 1.0, 3);
        assertThat(r.throughput(1)).isCloseTo(5.0 / 8.0, within(1e-14));
        assertThat(r.queueLength(1, 1)).isCloseTo(1.0 / 8.0, within(1e-14));
        assertThat(r.residenceTime(2, 0)).isCloseTo(0.5, within(1e-14));
        assertThat(r.throughput(2)).isCloseTo(80.0 / 69.0, within(1e-14));
        assertThat(r.responseTime(3)).isCloseTo(61.0 / 69.0, within(1e-14));
        assertThat(r.throughput(3)).isCloseTo(207.0 / 130.0, within(1e-14));
    }

    @Test
    void multiServerStationsMatchTheProductFormByConvolution() {
        // an independent exact solution: the normalising constant by brute-force convolution
        double[] d = {0.9, 0.5, 1.7};
        int[] c = {1, 2, 3};
        double z = 2.0;
        int n = 12;
        Mva.Result r = Mva.solve(d, c, z, n);
        ProductForm exact = new ProductForm(d, c, z, n);
        for (int k = 1; k <= n; k++) {
            // both exact; differences are rounding accumulated over k steps
            assertThat(r.throughput(k)).isCloseTo(exact.throughput(k), within(1e-12));
            for (int s = 0; s < d.length; s++) {
                assertThat(r.queueLength(k, s)).isCloseTo(exact.queueLength(k, s), within(1e-10));
            }
        }
    }

    @Test
    void machineRepairmanWithMoreServersThanCustomersIsADelay() {
        // c ≥ N: nobody ever queues, R = D at every population
        Mva.Result r = Mva.solve(new double[] {3.0}, new int[] {8}, 5.0, 8);
        assertThat(r.throughput(8)).isCloseTo(8.0 / 8.0, within(1e-13));
        assertThat(r.responseTime(8)).isCloseTo(3.0, within(1e-13));
    }

    @Test
    void multiServerStationStaysStableDeepInSaturation() {
        // 8 cores, D = 1, Z = 1, N = 2000: p(0 | n) falls far below 1e-300 and the textbook
        // "1 - Σp" step would cancel to garbage. The station is saturated, so X = 8 to within
        // the chance that fewer than 8 customers are present, which is astronomically small.
        Mva.Result r = Mva.solve(new double[] {1.0}, new int[] {8}, 1.0, 2000);
        assertThat(r.throughput(2000)).isCloseTo(8.0, within(1e-9));
        assertThat(r.residenceTime(2000, 0)).isCloseTo(2000.0 / 8.0 - 1.0, within(1e-6));
    }

    @Test
    void multiServerStationBesideADiskMatchesConvolutionAtLargePopulation() {
        double[] d = {4.0, 0.45};
        int[] c = {8, 1};
        Mva.Result r = Mva.solve(d, c, 10.0, 60);
        ProductForm exact = new ProductForm(d, c, 10.0, 60);
        // relative 1e-10: rounding over 60 steps of both recursions
        assertThat(r.throughput(60)).isCloseTo(exact.throughput(60), within(1e-10 * exact.throughput(60)));
    }

    @Test
    void rejectsMismatchedArrays() {
        assertThatThrownBy(() -> Mva.solve(new double[] {1.0}, new int[] {1, 1}, 0.0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servers");
    }

    @Test
    void rejectsNegativeDemandNamingIt() {
        assertThatThrownBy(() -> Mva.solve(new double[] {1.0, -0.1}, 0.0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("demands[1]");
    }

    @Property
    void throughputRespectsTheAsymptoticBounds(
            @ForAll @DoubleRange(min = 0.01, max = 5) double d1,
            @ForAll @DoubleRange(min = 0.01, max = 5) double d2,
            @ForAll @DoubleRange(min = 0.01, max = 5) double d3,
            @ForAll @DoubleRange(min = 0.0, max = 50) double z,
            @ForAll @IntRange(min = 1, max = 60) int n) {
        // Lazowska ch. 5: n/(nD + Z) ≤ X(n) ≤ min(1/Dmax, n/(D + Z)); 1e-12 relative slack
        double[] d = {d1, d2, d3};
        double x = Mva.solve(d, z, n).throughput(n);
        double total = d1 + d2 + d3;
        assertThat(x).isLessThanOrEqualTo(OperationalLaws.throughputBound(d, z, n) * (1 + 1e-12));
        assertThat(x).isGreaterThanOrEqualTo(n / (n * total + z) * (1 - 1e-12));
    }

    @Property
    void throughputGrowsWithPopulation(
            @ForAll @DoubleRange(min = 0.01, max = 5) double d1,
            @ForAll @DoubleRange(min = 0.01, max = 5) double d2,
            @ForAll @IntRange(min = 1, max = 4) int cores,
            @ForAll @IntRange(min = 1, max = 40) int n) {
        Mva.Result r = Mva.solve(new double[] {d1, d2}, new int[] {cores, 1}, 1.0, n + 1);
        // at saturation both equal c/D; 1e-12 relative slack for rounding
        assertThat(r.throughput(n + 1)).isGreaterThanOrEqualTo(r.throughput(n) * (1 - 1e-12));
    }

    @Property
    void customersAreConserved(
            @ForAll @DoubleRange(min = 0.01, max = 5) double d1,
            @ForAll @DoubleRange(min = 0.01, max = 5) double d2,
            @ForAll @IntRange(min = 1, max = 6) int cores,
            @ForAll @IntRange(min = 1, max = 60) int n) {
        // Σ Q_k + X·Z = n; for the multi-server station Q_k comes from a recursion over
        // marginal probabilities, so this checks that recursion (relative slack 1e-9)
        Mva.Result r = Mva.solve(new double[] {d1, d2}, new int[] {cores, 1}, 3.0, n);
        double present = r.queueLength(n, 0) + r.queueLength(n, 1) + r.thinking(n);
        assertThat(present).isCloseTo(n, within(1e-9 * n));
    }

    /** Exact product-form solution by convolving per-station factors; test oracle only. */
    private static final class ProductForm {
        private final double[][] withoutStation;
        private final double[] all;
        private final double[][] perStation;

        ProductForm(double[] d, int[] c, double z, int n) {
            perStation = new double[d.length + 1][n + 1];
            for (int s = 0; s < d.length; s++) {
                perStation[s][0] = 1.0;
                for (int j = 1; j <= n; j++) {
                    perStation[s][j] = perStation[s][j - 1] * d[s] / Math.min(j, c[s]);
                }
            }
            perStation[d.length][0] = 1.0;
            for (int j = 1; j <= n; j++) {
                perStation[d.length][j] = perStation[d.length][j - 1] * z / j;
            }
            all = convolveAllExcept(-1, n);
            withoutStation = new double[d.length][];
            for (int s = 0; s < d.length; s++) {
                withoutStation[s] = convolveAllExcept(s, n);
            }
        }

        double throughput(int n) {
            return all[n - 1] / all[n];
        }

        double queueLength(int n, int s) {
            double sum = 0.0;
            for (int j = 1; j <= n; j++) {
                sum += j * perStation[s][j] * withoutStation[s][n - j];
            }
            return sum / all[n];
        }

        private double[] convolveAllExcept(int skip, int n) {
            double[] g = new double[n + 1];
            g[0] = 1.0;
            for (int s = 0; s < perStation.length; s++) {
                if (s == skip) {
                    continue;
                }
                double[] next = new double[n + 1];
                for (int i = 0; i <= n; i++) {
                    for (int j = 0; j <= i; j++) {
                        next[i] += g[i - j] * perStation[s][j];
                    }
                }
                g = next;
            }
            return g;
        }
    }
}
