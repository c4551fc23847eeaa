package dev.mastersim.experiment.result;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** The sentences on the peak, the limit and how far the data let one trust either. */
    public List<String> sentences() {
        UslResult u = this;
        List<String> lines = new ArrayList<>();
        double trust = 2.0 * u.maxN();
        if (u.nPeak() != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "Peak: the fitted throughput is highest, %s/s, at N* = %s, and falls beyond it (kappa > 0):"
                            + " this is the most the system delivers.",
                    number(u.xPeak()),
                    number(u.nPeak())));
        } else {
            lines.add("Peak: none; kappa is 0, so the fitted throughput rises with N for ever, ever more slowly.");
        }
        if (u.asymptote() != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "Limit: %s/s = lambda/sigma, the ceiling throughput would approach as N grows if coherency cost"
                            + " nothing%s.",
                    number(u.asymptote()),
                    u.nPeak() != null
                            ? "; with kappa > 0 it is never reached, the peak above is the real maximum"
                            : ""));
        } else {
            lines.add("Limit: none; sigma is 0, so there is no contention ceiling (lambda/sigma is undefined).");
        }
        if (u.extrapolated()) {
            lines.add(String.format(
                    Locale.ROOT,
                    "Extrapolated: the measurements stop at N = %s, before the fitted peak at N* = %s; the peak is"
                            + " the fit's prediction, not something measured.%s",
                    number(u.maxN()),
                    number(u.nPeak()),
                    u.nPeak() > trust
                            ? String.format(
                                    Locale.ROOT,
                                    " It lies beyond about twice the measured range (N = %s), past which nothing"
                                            + " the fit says should be trusted: measure further.",
                                    number(trust))
                            : ""));
        } else {
            lines.add(String.format(
                    Locale.ROOT,
                    "Trust: the fit describes N up to %s; trust nothing it says past about twice that (N = %s).",
                    number(u.maxN()),
                    number(trust)));
        }
        return lines;
    }

    /** About 4 significant digits without exponent; whole numbers and numbers from 1000 up without decimals. */
    private static String number(double x) {
        if (x == Math.rint(x) || Math.abs(x) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
