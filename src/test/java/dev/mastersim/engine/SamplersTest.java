package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Moments and goodness of fit of the samplers.
 *
 * <p>Tolerances come from the central limit theorem with n = 200,000 draws. The sample mean has
 * standard error σ/√n; the sample variance has standard error σ²·√((κ − 1)/n) where κ = μ₄/σ⁴ is the
 * distribution's kurtosis (known in closed form for each family below). Each check allows 4 standard
 * errors: a correct sampler fails it with probability about 6·10⁻⁵, and the seed is fixed, so the
 * outcome is deterministic; a sampler whose mean or cv is off by a few per cent fails it.
 */
final class SamplersTest {
    private static final int N = 200_000;
    private static final double Z = 4;

    private static UniformRandomProvider rng(int index) {
        return new RandomStreams(42, 0).stream(index);
    }

    private static double[] draw(DoubleSampler sampler, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sampler.sample();
        }
        return x;
    }

    /** Kurtosis μ₄/σ⁴ of the log-normal with this cv: w⁴ + 2w³ + 3w² − 3 with w = 1 + cv². */
    private static double lognormalKurtosis(double cv) {
        double w = 1 + cv * cv;
        return w * w * w * w + 2 * w * w * w + 3 * w * w - 3;
    }

    /** Kurtosis of the gamma with this cv: 3 + 6/shape, shape = 1/cv². */
    private static double gammaKurtosis(double cv) {
        return 3 + 6 * cv * cv;
    }

    static Stream<Arguments> families() {
        double uniformCv = (5.0 - 1.0) / Math.sqrt(12) / 3.0;
        return Stream.of(
                Arguments.of(
                        "exponential",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.exponential(r, 2.5),
                        2.5,
                        1.0,
                        9.0),
                Arguments.of(
                        "lognormal cv 0.5",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.lognormal(r, 0.004, 0.5),
                        0.004,
                        0.5,
                        lognormalKurtosis(0.5)),
                Arguments.of(
                        "lognormal cv 1",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.lognormal(r, 3.0, 1.0),
                        3.0,
                        1.0,
                        lognormalKurtosis(1.0)),
                Arguments.of(
                        "gamma cv 0.3",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.gamma(r, 10.0, 0.3),
                        10.0,
                        0.3,
                        gammaKurtosis(0.3)),
                Arguments.of(
                        "gamma cv 2",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.gamma(r, 1.0, 2.0),
                        1.0,
                        2.0,
                        gammaKurtosis(2.0)),
                Arguments.of(
                        "uniform [1, 5]",
                        (Function<UniformRandomProvider, DoubleSampler>) r -> Samplers.uniform(r, 1.0, 5.0),
                        3.0,
                        uniformCv,
                        9.0 / 5.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void sampleMeanMatchesTheRequestedMean(
            String name, Function<UniformRandomProvider, DoubleSampler> factory, double mean, double cv, double kurt) {
        double[] x = draw(factory.apply(rng(1)), N);
        double sd = mean * cv;
        double se = sd / Math.sqrt(N);
        assertThat(Arrays.stream(x).average().orElseThrow()).isCloseTo(mean, within(Z * se));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void sampleVarianceMatchesTheRequestedCv(
            String name, Function<UniformRandomProvider, DoubleSampler> factory, double mean, double cv, double kurt) {
        double[] x = draw(factory.apply(rng(2)), N);
        double m = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double variance = ss / (N - 1);
        double sigma2 = mean * mean * cv * cv;
        double se = sigma2 * Math.sqrt((kurt - 1) / N);
        assertThat(variance).isCloseTo(sigma2, within(Z * se));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void samplesAreNeverNegative(
            String name, Function<UniformRandomProvider, DoubleSampler> factory, double mean, double cv, double kurt) {
        double[] x = draw(factory.apply(rng(3)), 10_000);
        assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }

    /**
     * The Kolmogorov–Smirnov statistic D = sup |F̂(x) − F(x)| of the sample against the exact CDF.
     * D is largest just before or at a jump of the empirical CDF, so only those points are checked.
     */
    private static double ksStatistic(double[] sample, DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /**
     * Critical value of D at the 1% level for large n: K₀.₉₉/√n with K₀.₉₉ = 1.6276 the 0.99
     * quantile of the Kolmogorov distribution (asymptotic; accurate to well under 1% for n ≥ 100).
     */
    private static double ksCritical1Percent(int n) {
        return 1.6276 / Math.sqrt(n);
    }

    @Test
    void exponentialFitsTheExponentialCdf() {
        double mean = 0.8;
        int n = 20_000;
        double[] x = draw(Samplers.exponential(rng(4), mean), n);
        double d = ksStatistic(x, v -> -Math.expm1(-v / mean));
        assertThat(d).isLessThan(ksCritical1Percent(n));
    }

    @Test
    void ksCheckRejectsAnExponentialWithAMeanFivePercentOff() {
        // the power check of the test above: the same statistic must see a 5% error in the mean
        double mean = 0.8;
        int n = 20_000;
        double[] x = draw(Samplers.exponential(rng(4), mean * 1.05), n);
        double d = ksStatistic(x, v -> -Math.expm1(-v / mean));
        assertThat(d).isGreaterThan(ksCritical1Percent(n));
    }

    @Test
    void exponentialWithMeanZeroIsAlwaysZero() {
        DoubleSampler s = Samplers.exponential(rng(5), 0);
        assertThat(draw(s, 100)).containsOnly(0.0);
    }

    @Test
    void constantAlwaysReturnsItsValue() {
        assertThat(draw(Samplers.constant(0.25), 100)).containsOnly(0.25);
    }

    @Test
    void uniformWithEqualBoundsIsConstant() {
        assertThat(draw(Samplers.uniform(rng(6), 2.0, 2.0), 100)).containsOnly(2.0);
    }

    @Test
    void uniformStaysInsideItsBounds() {
        double[] x = draw(Samplers.uniform(rng(7), 1.0, 1.5), 100_000);
        assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(1.0);
        assertThat(Arrays.stream(x).max().orElseThrow()).isLessThanOrEqualTo(1.5);
    }

    @Test
    void sameStreamGivesTheSameSamples() {
        double[] a = draw(Samplers.gamma(new RandomStreams(9, 1).stream(0), 2.0, 0.7), 1000);
        double[] b = draw(Samplers.gamma(new RandomStreams(9, 1).stream(0), 2.0, 0.7), 1000);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsInvalidParameters() {
        UniformRandomProvider r = rng(8);
        assertThatThrownBy(() -> Samplers.exponential(r, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.exponential(r, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.exponential(r, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.constant(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.lognormal(r, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.lognormal(r, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.gamma(r, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.uniform(r, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samplers.uniform(r, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
