package dev.mastersim.engine;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A mean over independent replications with the half-width of its 95% Student-t confidence
 * interval (Law, <i>Simulation Modeling and Analysis</i>, §9.4.1). With one replication the
 * half-width is not defined and is reported as NaN.
 */
public record Estimate(double mean, double ci95, int n) {

    /** The estimate from one value per replication. */
    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += (values[i] - mean) / (i + 1);
        }
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(0.025);
        return new Estimate(mean, t * sd / Math.sqrt(n), n);
    }

    public double lower() {
        return mean - ci95;
    }

    public double upper() {
        return mean + ci95;
    }

    /** Whether {@code x} lies in the interval widened by {@code relative} of |x| on each side. */
    public boolean covers(double x, double relative) {
        double slack = Math.abs(x) * relative;
        return x >= lower() - slack && x <= upper() + slack;
    }

    /** This estimate with every value multiplied by {@code factor} (a change of unit). */
    public Estimate scaled(double factor) {
        return new Estimate(mean * factor, ci95 * factor, n);
    }
}
