package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

final class EstimateTest {
    /** t quantile 0.975 with 9 degrees of freedom (Student-t tables, e.g. NIST e-Handbook 1.3.6.7.2). */
    private static final double T_975_9 = 2.262157;

    @Test
    void usesTheStudentTQuantileForTenValues() {
        // half-width / (sd / √n) is the t quantile, whatever the values
        double[] v = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        Estimate e = Estimate.of(v);
        double sd = Math.sqrt((9 * 0.01 + 0.81) / 9);
        assertThat(e.ci95() / (sd / Math.sqrt(10))).isCloseTo(T_975_9, within(1e-6));
    }

    @Test
    void matchesAHandComputedInterval() {
        // mean 34.2/10 = 3.42; squared deviations sum to 9.356; s = √(9.356/9) = 1.0195860;
        // half-width 2.262157 · 1.0195860 / √10 = 0.7293678
        double[] v = {2.1, 3.4, 1.9, 5.0, 4.2, 3.3, 2.8, 4.6, 3.9, 3.0};
        Estimate e = Estimate.of(v);
        assertThat(e.n()).isEqualTo(10);
        assertThat(e.mean()).isCloseTo(3.42, within(1e-12));
        assertThat(e.ci95()).isCloseTo(0.7293678, within(1e-6));
        assertThat(e.lower()).isCloseTo(3.42 - 0.7293678, within(1e-6));
        assertThat(e.upper()).isCloseTo(3.42 + 0.7293678, within(1e-6));
    }

    @Test
    void oneValueHasNoInterval() {
        Estimate e = Estimate.of(new double[] {7.5});
        assertThat(e.mean()).isEqualTo(7.5);
        assertThat(e.ci95()).isNaN();
        assertThat(e.n()).isEqualTo(1);
    }

    @Test
    void noValuesHaveNoMean() {
        Estimate e = Estimate.of(new double[0]);
        assertThat(e.mean()).isNaN();
        assertThat(e.n()).isZero();
    }

    @Test
    void coversWidensTheIntervalByARelativeSlack() {
        Estimate e = new Estimate(10, 1, 5);
        assertThat(e.covers(11, 0)).isTrue();
        assertThat(e.covers(11.5, 0)).isFalse();
        // 11.5 with 5% slack: upper bound 11 + 0.575
        assertThat(e.covers(11.5, 0.05)).isTrue();
        assertThat(e.covers(8.5, 0.05)).isFalse();
    }

    @Test
    void scaledChangesTheUnitOfMeanAndHalfWidth() {
        Estimate e = new Estimate(0.004, 0.0005, 8).scaled(1000);
        assertThat(e.mean()).isCloseTo(4.0, within(1e-12));
        assertThat(e.ci95()).isCloseTo(0.5, within(1e-12));
        assertThat(e.n()).isEqualTo(8);
    }

    /**
     * Over m independent samples of 10 normal values the 95% interval must cover the true mean in
     * about 95% of them. The count of covers is binomial(m, 0.95): with m = 10,000 its standard
     * deviation is √(m·0.95·0.05) ≈ 21.8, so 4 of them (87) around 9,500 is the tolerance. Using
     * the normal quantile 1.96 instead of t would give about 91.9%, well outside it.
     */
    @Test
    void intervalsCoverTheTrueMeanNinetyFivePercentOfTheTime() {
        int m = 10_000;
        int n = 10;
        double trueMean = 3.0;
        ZigguratSampler.NormalizedGaussian gauss =
                ZigguratSampler.NormalizedGaussian.of(new RandomStreams(11, 0).stream(0));
        int covered = 0;
        double[] v = new double[n];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                v[i] = trueMean + 2.0 * gauss.sample();
            }
            if (Estimate.of(v).covers(trueMean, 0)) {
                covered++;
            }
        }
        double tolerance = 4 * Math.sqrt(m * 0.95 * 0.05);
        assertThat((double) covered).isCloseTo(0.95 * m, within(tolerance));
    }
}
