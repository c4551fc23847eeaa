package dev.mastersim.analytic;

import java.util.Arrays;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Gunther's Universal Scalability Law, {@code X(N) = λN / (1 + σ(N-1) + κN(N-1))}: throughput at
 * concurrency N for single-unit throughput λ, contention σ and coherency κ (Gunther,
 * <i>Guerrilla Capacity Planning</i>, 2007, ch. 4–6).
 *
 * <h2>Fitting</h2>
 *
 * <p>{@link #fit} minimises the unweighted sum of squared throughput residuals by
 * Levenberg–Marquardt, the nonlinear regression advocated by Schwartz (<i>Practical Scalability
 * Analysis with the Universal Scalability Law</i>, 2015) and used by the R package {@code usl}.
 * The start comes from Gunther's linearisation: with λ₀ = max X/N, the deviation
 * {@code N/(X/λ₀) - 1} is a quadratic {@code σ(N-1) + κN(N-1)} without intercept, solved by
 * ordinary least squares. The constraint σ, κ ≥ 0 is kept by a parameter validator that clamps
 * each LM step to the feasible region. Clamping alone can stall a little inside the region when
 * the optimum lies on a bound, so the fit is run on each face (σ and κ free or held at 0) and
 * the least sum of squares wins: the bounded optimum is the free optimum of one of the faces.
 *
 * <p>Standard errors come from the asymptotic covariance {@code s²(JᵀJ)⁻¹} of the three original
 * parameters at the optimum, with {@code s² = SSE/(n - 3)}; intervals are
 * {@code estimate ± t(0.975; n - 3)·se}. They are the usual linearised (Wald) intervals and
 * ignore the bound, so for a parameter on its bound the lower limit may be negative. They are
 * wider than the standard errors printed by R's {@code usl}, which treats the scale factor λ as
 * known and keeps n - 2 degrees of freedom; the estimates themselves agree.
 */
public final class Usl {

    private static final int MAX_EVALUATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double CONFIDENCE = 0.95;

    private Usl() {}

    /** X(N) = λN / (1 + σ(N-1) + κN(N-1)). */
    public static double throughput(double lambda, double sigma, double kappa, double n) {
        Checks.positive("lambda", lambda);
        Checks.nonNegative("sigma", sigma);
        Checks.nonNegative("kappa", kappa);
        Checks.positive("n", n);
        return model(lambda, sigma, kappa, n);
    }

    /** N* = sqrt((1 - σ)/κ), where X(N) peaks; infinite when κ = 0 (no retrograde region). */
    public static double peakConcurrency(double sigma, double kappa) {
        Checks.nonNegative("sigma", sigma);
        Checks.nonNegative("kappa", kappa);
        if (sigma >= 1.0) {
            throw new IllegalArgumentException("sigma must be < 1 for a peak above N = 1, got " + sigma);
        }
        return kappa == 0.0 ? Double.POSITIVE_INFINITY : Math.sqrt((1.0 - sigma) / kappa);
    }

    /** X(N*), the largest throughput; λ/σ (the asymptote) when κ = 0 and σ > 0. */
    public static double peakThroughput(double lambda, double sigma, double kappa) {
        Checks.positive("lambda", lambda);
        double nPeak = peakConcurrency(sigma, kappa);
        if (Double.isInfinite(nPeak)) {
            return sigma == 0.0 ? Double.POSITIVE_INFINITY : lambda / sigma;
        }
        return model(lambda, sigma, kappa, nPeak);
    }

    /**
     * Fits λ, σ, κ to measured throughputs {@code x[i]} at concurrencies {@code n[i]}. Needs at
     * least four points (three parameters and one residual degree of freedom).
     */
    public static Fit fit(double[] n, double[] x) {
        validate(n, x);
        double[] start = start(n, x);
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        // each face of the feasible region: σ and κ free or held at their bound 0
        for (boolean sigmaFree : new boolean[] {true, false}) {
            for (boolean kappaFree : new boolean[] {true, false}) {
                double[] p = optimise(n, x, start, sigmaFree, kappaFree);
                double sse = sumOfSquares(p, n, x);
                if (sse < bestSse) {
                    bestSse = sse;
                    best = p;
                }
            }
        }
        return summarise(best, n, x);
    }

    /**
     * Levenberg–Marquardt over λ and whichever of σ, κ are free (the others held at 0), with
     * each step clamped to σ, κ ≥ 0; returns the full (λ, σ, κ).
     */
    private static double[] optimise(double[] n, double[] x, double[] start, boolean sigmaFree, boolean kappaFree) {
        int[] index = freeIndices(sigmaFree, kappaFree);
        int[] rows = new int[n.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        MultivariateJacobianFunction function = free -> {
            Pair<RealVector, RealMatrix> full = evaluate(new ArrayRealVector(expand(free, index)), n);
            RealMatrix columns = full.getSecond().getSubMatrix(rows, index);
            return new Pair<>(full.getFirst(), columns);
        };
        ParameterValidator clamp = point -> {
            RealVector valid = point.copy();
            valid.setEntry(0, Math.max(valid.getEntry(0), Double.MIN_NORMAL));
            for (int i = 1; i < valid.getDimension(); i++) {
                valid.setEntry(i, Math.max(valid.getEntry(i), 0.0));
            }
            return valid;
        };
        double[] freeStart = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            freeStart[i] = start[index[i]];
        }
        Optimum optimum = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-14)
                .withParameterRelativeTolerance(1e-14)
                .withOrthoTolerance(1e-14)
                .optimize(new LeastSquaresBuilder()
                        .model(function)
                        .target(x)
                        .start(freeStart)
                        .parameterValidator(clamp)
                        .maxEvaluations(MAX_EVALUATIONS)
                        .maxIterations(MAX_ITERATIONS)
                        .lazyEvaluation(false)
                        .build());
        return expand(optimum.getPoint(), index);
    }

    /** Positions in (λ, σ, κ) of the parameters being fitted; λ is always free. */
    private static int[] freeIndices(boolean sigmaFree, boolean kappaFree) {
        if (sigmaFree && kappaFree) {
            return new int[] {0, 1, 2};
        }
        if (sigmaFree) {
            return new int[] {0, 1};
        }
        return kappaFree ? new int[] {0, 2} : new int[] {0};
    }

    /** The full (λ, σ, κ) with the parameters not in {@code index} at 0. */
    private static double[] expand(RealVector free, int[] index) {
        double[] full = new double[3];
        for (int i = 0; i < index.length; i++) {
            full[index[i]] = free.getEntry(i);
        }
        return full;
    }

    private static double sumOfSquares(double[] p, double[] n, double[] x) {
        double sse = 0.0;
        for (int i = 0; i < n.length; i++) {
            double e = x[i] - model(p[0], p[1], p[2], n[i]);
            sse += e * e;
        }
        return sse;
    }

    /** The fitted model with its goodness of fit and 95% intervals. */
    private static Fit summarise(double[] p, double[] n, double[] x) {
        double lambda = p[0];
        double sigma = p[1];
        double kappa = p[2];
        double sse = 0.0;
        double mean = 0.0;
        for (double xi : x) {
            mean += xi / x.length;
        }
        double sst = 0.0;
        for (int i = 0; i < n.length; i++) {
            double e = x[i] - model(lambda, sigma, kappa, n[i]);
            sse += e * e;
            sst += (x[i] - mean) * (x[i] - mean);
        }
        int dof = n.length - 3;
        double s2 = sse / dof;
        double[] se = standardErrors(p, n, s2);
        double t = TDistribution.of(dof).inverseSurvivalProbability((1.0 - CONFIDENCE) / 2.0);
        double nPeak = sigma < 1.0 ? peakConcurrency(sigma, kappa) : 1.0;
        double xPeak = sigma < 1.0 ? peakThroughput(lambda, sigma, kappa) : lambda;
        return new Fit(
                lambda,
                sigma,
                kappa,
                nPeak,
                xPeak,
                1.0 - sse / sst,
                new Interval(lambda - t * se[0], lambda + t * se[0]),
                new Interval(sigma - t * se[1], sigma + t * se[1]),
                new Interval(kappa - t * se[2], kappa + t * se[2]),
                se[0],
                se[1],
                se[2],
                dof);
    }

    /** sqrt(diag(s²(JᵀJ)⁻¹)); NaN when the Jacobian is rank deficient. */
    private static double[] standardErrors(double[] p, double[] n, double s2) {
        RealMatrix j = evaluate(new ArrayRealVector(p), n).getSecond();
        RealMatrix normal = j.transpose().multiply(j);
        double[] se = new double[3];
        try {
            RealMatrix covariance =
                    new LUDecomposition(normal).getSolver().getInverse().scalarMultiply(s2);
            for (int i = 0; i < 3; i++) {
                se[i] = Math.sqrt(covariance.getEntry(i, i));
            }
        } catch (SingularMatrixException e) {
            Arrays.fill(se, Double.NaN);
        }
        return se;
    }

    /** Values and Jacobian of the model at parameters (λ, σ, κ) for every concurrency. */
    private static Pair<RealVector, RealMatrix> evaluate(RealVector point, double[] n) {
        double lambda = point.getEntry(0);
        double sigma = point.getEntry(1);
        double kappa = point.getEntry(2);
        double[] value = new double[n.length];
        double[][] jacobian = new double[n.length][3];
        for (int i = 0; i < n.length; i++) {
            double d = 1.0 + sigma * (n[i] - 1.0) + kappa * n[i] * (n[i] - 1.0);
            double xi = lambda * n[i] / d;
            value[i] = xi;
            jacobian[i][0] = n[i] / d;
            jacobian[i][1] = -xi * (n[i] - 1.0) / d;
            jacobian[i][2] = -xi * n[i] * (n[i] - 1.0) / d;
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /** Start: λ₀ = max X/N, then σ, κ by least squares on Gunther's deviation, clamped to ≥ 0. */
    private static double[] start(double[] n, double[] x) {
        double lambda = 0.0;
        for (int i = 0; i < n.length; i++) {
            lambda = Math.max(lambda, x[i] / n[i]);
        }
        // normal equations of y = σu + κv with u = N-1, v = N(N-1), y = Nλ₀/X - 1
        double uu = 0.0;
        double uv = 0.0;
        double vv = 0.0;
        double uy = 0.0;
        double vy = 0.0;
        for (int i = 0; i < n.length; i++) {
            double u = n[i] - 1.0;
            double v = n[i] * u;
            double y = n[i] * lambda / x[i] - 1.0;
            uu += u * u;
            uv += u * v;
            vv += v * v;
            uy += u * y;
            vy += v * y;
        }
        double det = uu * vv - uv * uv;
        double sigma = 0.0;
        double kappa = 0.0;
        if (det > 0.0) {
            sigma = (uy * vv - vy * uv) / det;
            kappa = (vy * uu - uy * uv) / det;
        }
        return new double[] {lambda, Math.max(sigma, 0.0), Math.max(kappa, 0.0)};
    }

    private static void validate(double[] n, double[] x) {
        if (n.length != x.length) {
            throw new IllegalArgumentException(
                    "n and x must have the same length, got " + n.length + " and " + x.length);
        }
        if (n.length < 4) {
            throw new IllegalArgumentException("n must hold at least 4 points, got " + n.length);
        }
        for (int i = 0; i < n.length; i++) {
            Checks.positive("n[" + i + "]", n[i]);
            Checks.positive("x[" + i + "]", x[i]);
        }
    }

    private static double model(double lambda, double sigma, double kappa, double n) {
        return lambda * n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0));
    }

    /** A closed interval [lower, upper]. */
    public record Interval(double lower, double upper) {

        /** Whether {@code value} lies in the interval. */
        public boolean contains(double value) {
            return value >= lower && value <= upper;
        }
    }

    /**
     * A fitted USL: parameters, the peak N* and X(N*) (infinite when κ = 0 and σ = 0; for σ ≥ 1
     * throughput never rises above λ and the peak is reported at N = 1), the coefficient of
     * determination R² = 1 - SSE/SST, 95% intervals, standard errors and residual degrees of
     * freedom n - 3.
     */
    public record Fit(
            double lambda,
            double sigma,
            double kappa,
            double nPeak,
            double xPeak,
            double r2,
            Interval lambdaCi,
            Interval sigmaCi,
            Interval kappaCi,
            double lambdaSe,
            double sigmaSe,
            double kappaSe,
            int degreesOfFreedom) {

        /** The fitted throughput at concurrency {@code n}. */
        public double throughput(double n) {
            return Usl.throughput(lambda, sigma, kappa, n);
        }
    }
}
