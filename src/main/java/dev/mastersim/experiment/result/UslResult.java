package dev.mastersim.experiment.result;

import java.util.List;

/**
 * A Universal Scalability Law fit to measured (N, X) points, as {@code mastersim usl} reports it.
 *
 * @param source where the points came from (a file name, or the database calibrated)
 * @param n measured concurrencies, in the order given
 * @param x measured throughputs, per second
 * @param nPeak N* where the fitted X(N) peaks; null when κ = 0 (X rises towards the asymptote forever)
 * @param xPeak X(N*); null when κ = 0
 * @param asymptote λ/σ, the ceiling X would approach without coherency (R usl's {@code limit.scalability});
 *     null when σ = 0
 * @param extrapolated whether the peak lies beyond the largest N measured (the fit predicts it, the data do
 *     not show it)
 * @param lambdaCi 95% interval {lower, upper}; likewise sigmaCi, kappaCi
 */
public record UslResult(
        String source,
        List<Double> n,
        List<Double> x,
        double lambda,
        double sigma,
        double kappa,
        Double nPeak,
        Double xPeak,
        Double asymptote,
        boolean extrapolated,
        double r2,
        List<Double> lambdaCi,
        List<Double> sigmaCi,
        List<Double> kappaCi) {

    public UslResult {
        n = List.copyOf(n);
        x = List.copyOf(x);
        lambdaCi = List.copyOf(lambdaCi);
        sigmaCi = List.copyOf(sigmaCi);
        kappaCi = List.copyOf(kappaCi);
    }

    /** The fitted throughput at concurrency {@code c}. */
    public double throughput(double c) {
        return lambda * c / (1.0 + sigma * (c - 1.0) + kappa * c * (c - 1.0));
    }

    /** The largest concurrency measured. */
    public double maxN() {
        return n.stream().mapToDouble(Double::doubleValue).max().orElse(0.0);
    }
}
