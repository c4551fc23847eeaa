package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class UslTest {

    /** Cisco's MySQL benchmark (Schwartz 2015 via usl4j); the source is named in the file. */
    private static final double[][] CISCO = dataset("cisco.csv");

    /** SPEC SDM91 (Gunther 2007; R usl's {@code specsdm91}): load, then throughput. */
    private static final double[][] SDM = dataset("specsdm91.csv");

    private static final double[] SDM_LOAD = SDM[0];

    private static final double[] SDM_THROUGHPUT = SDM[1];

    @Test
    void throughputAtOneIsLambda() {
        assertThat(Usl.throughput(995.6, 0.03, 0.0008, 1.0)).isEqualTo(995.6);
    }

    @Test
    void peakIsAStationaryMaximum() {
        // N* = sqrt((1 - σ)/κ) = sqrt(0.97/0.0008) ≈ 34.8; X falls on both sides
        double nPeak = Usl.peakConcurrency(0.03, 0.0008);
        assertThat(nPeak).isCloseTo(Math.sqrt(0.97 / 0.0008), within(1e-12));
        double peak = Usl.peakThroughput(1000, 0.03, 0.0008);
        assertThat(Usl.throughput(1000, 0.03, 0.0008, nPeak - 0.5)).isLessThan(peak);
        assertThat(Usl.throughput(1000, 0.03, 0.0008, nPeak + 0.5)).isLessThan(peak);
    }

    @Test
    void noCoherencyMeansNoPeakAndTheContentionAsymptote() {
        assertThat(Usl.peakConcurrency(0.05, 0.0)).isInfinite();
        assertThat(Usl.peakThroughput(20, 0.05, 0.0)).isCloseTo(400.0, within(1e-12));
    }

    @Test
    void fitRecoversParametersFromExactSyntheticData() {
        double[] n = new double[32];
        double[] x = new double[32];
        for (int i = 0; i < n.length; i++) {
            n[i] = i + 1;
            x[i] = Usl.throughput(1000.0, 0.05, 0.001, n[i]);
        }
        Usl.Fit fit = Usl.fit(n, x);
        // noise-free data: the optimum is the generator; 1e-6 relative is solver tolerance
        assertThat(fit.lambda()).isCloseTo(1000.0, withinPercentage(1e-4));
        assertThat(fit.sigma()).isCloseTo(0.05, withinPercentage(1e-4));
        assertThat(fit.kappa()).isCloseTo(0.001, withinPercentage(1e-4));
        assertThat(fit.r2()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fitIntervalsCoverTheGeneratorUnderNoise() {
        // 2% multiplicative Gaussian noise, fixed seed; the 95% Wald intervals should cover
        double[] n = new double[40];
        double[] x = new double[40];
        SplittableRandom random = new SplittableRandom(20261123L);
        for (int i = 0; i < n.length; i++) {
            n[i] = i + 1;
            x[i] = Usl.throughput(500.0, 0.02, 0.0005, n[i]) * (1.0 + 0.02 * gaussian(random));
        }
        Usl.Fit fit = Usl.fit(n, x);
        assertThat(fit.lambdaCi().contains(500.0)).isTrue();
        assertThat(fit.sigmaCi().contains(0.02)).isTrue();
        assertThat(fit.kappaCi().contains(0.0005)).isTrue();
        assertThat(fit.degreesOfFreedom()).isEqualTo(37);
    }

    @Test
    void ciscoFitMatchesSchwartzBook() {
        // Schwartz's e-book lists σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486 (R nls);
        // usl4j checks the same to 0.02%, the tolerance used here.
        Usl.Fit fit = fit(CISCO);
        assertThat(fit.sigma()).isCloseTo(0.02671591, withinPercentage(0.02));
        assertThat(fit.kappa()).isCloseTo(7.690945e-4, withinPercentage(0.02));
        assertThat(fit.lambda()).isCloseTo(995.6486, withinPercentage(0.02));
    }

    @Test
    void ciscoPeakMatchesSchwartzBook() {
        // the book reports the peak as whole users, N = 35 (N* = sqrt((1 - σ)/κ) = 35.57 with
        // its own σ, κ), and X(35) = 12341 to the unit (usl4j: 12341.7456).
        Usl.Fit fit = fit(CISCO);
        assertThat(Math.floor(fit.nPeak())).isEqualTo(35.0);
        assertThat(fit.throughput(35.0)).isCloseTo(12341.0, within(1.0));
    }

    @Test
    void specSdm91FitMatchesRPackageUsl() {
        // R usl tests/summary.Rout.save: alpha (σ) = 2.773e-02, beta (κ) = 1.044e-04, each to 4
        // significant digits, so half a unit in the 4th digit; fitted X(1) = 90 (3 digits).
        Usl.Fit fit = Usl.fit(SDM_LOAD, SDM_THROUGHPUT);
        assertThat(fit.sigma()).isCloseTo(2.773e-2, within(0.0005e-2));
        assertThat(fit.kappa()).isCloseTo(1.044e-4, within(0.0005e-4));
        assertThat(fit.lambda()).isCloseTo(90.0, within(0.5));
    }

    @Test
    void specSdm91PeakMatchesRPackageUsl() {
        // R usl tests/peak-scalability.Rout.save: signif(peak.scalability(u), 2) = 97
        assertThat(Usl.fit(SDM_LOAD, SDM_THROUGHPUT).nPeak()).isCloseTo(97.0, within(0.5));
    }

    @Test
    void specSdm91GoodnessOfFitMatchesRPackageUsl() {
        // R usl summary: "Multiple R-squared: 0.9896", 4 decimals
        assertThat(Usl.fit(SDM_LOAD, SDM_THROUGHPUT).r2()).isCloseTo(0.9896, within(5e-5));
    }

    @Test
    void specSdm91ResidualErrorMatchesRPackageUsl() {
        // R usl summary: "Residual standard error: 74.1 on 5 degrees of freedom", so
        // SSE = 74.1² · 5 = 27454; 74.1 is rounded to ±0.05, i.e. SSE to ±2·74.1·0.05·5 = ±37.
        // (R's 5 dof, and its smaller standard errors, treat the scale factor λ as known.)
        Usl.Fit fit = Usl.fit(SDM_LOAD, SDM_THROUGHPUT);
        double sse = 0.0;
        for (int i = 0; i < SDM_LOAD.length; i++) {
            double e = SDM_THROUGHPUT[i] - fit.throughput(SDM_LOAD[i]);
            sse += e * e;
        }
        assertThat(sse).isCloseTo(74.1 * 74.1 * 5, within(37.1));
    }

    @Test
    void raytracerFitEndsOnTheCoherencyBoundLikeRPackageUsl() {
        // the raytracer benchmark (Gunther, Guerrilla Capacity Planning; R usl dataset
        // "raytracer"); R usl tests/confint.Rout.save prints alpha 0.0578, beta 0.0000,
        // gamma 21.8488 at options(digits = 3): κ sits on its bound 0, which the clamp must hold.
        double[][] raytracer = dataset("raytracer.csv");
        Usl.Fit fit = Usl.fit(raytracer[0], raytracer[1]);
        assertThat(fit.sigma()).isCloseTo(0.0578, within(0.00005));
        assertThat(fit.lambda()).isCloseTo(21.8488, within(0.00005));
        assertThat(fit.kappa()).isCloseTo(0.0, within(0.00005));
        assertThat(fit.nPeak()).isInfinite();
    }

    @Test
    void fitRespectsNonNegativeCoherency() {
        // perfectly linear-with-contention data (κ = 0): the fit must not go negative
        double[] n = {1, 2, 4, 8, 16, 32, 64};
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = Usl.throughput(20.0, 0.06, 0.0, n[i]) * (i % 2 == 0 ? 1.01 : 0.99);
        }
        Usl.Fit fit = Usl.fit(n, x);
        assertThat(fit.kappa()).isGreaterThanOrEqualTo(0.0);
        assertThat(fit.sigma()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void fitRejectsTooFewPoints() {
        assertThatThrownBy(() -> Usl.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("n ");
    }

    private static Usl.Fit fit(double[][] data) {
        return Usl.fit(data[0], data[1]);
    }

    /**
     * A dataset from src/test/resources (N,X per line, a header, # comments naming the source) as
     * {n[], x[]}.
     */
    static double[][] dataset(String name) {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = UslTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || !Character.isDigit(t.charAt(0))) {
                    continue;
                }
                String[] f = t.split(",");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one variate per call is enough here
        return Math.sqrt(-2.0 * Math.log1p(-random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}
