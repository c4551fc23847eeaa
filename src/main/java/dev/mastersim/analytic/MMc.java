package dev.mastersim.analytic;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The M/M/c queue: Poisson arrivals at rate {@code lambda}, exponential service with mean
 * {@code meanService}, {@code servers} identical servers, one FCFS queue of unbounded length.
 *
 * <p>All figures are steady-state and require utilisation {@code ρ = λS/c < 1}. The waiting time
 * is 0 with probability {@code 1 - C} and otherwise exponential with rate {@code cμ - λ}, so its
 * tail is {@code P(Wq > t) = C·exp(-(cμ - λ)t)}; the response time adds an independent
 * exponential service time. Times are in the unit of {@code meanService}; rates in its inverse.
 *
 * @param lambda arrival rate λ
 * @param meanService mean service time S = 1/μ
 * @param servers number of servers c
 */
public record MMc(double lambda, double meanService, int servers) {

    private static final double SOLVER_ACCURACY = 1e-12;
    private static final int SOLVER_EVALUATIONS = 10_000;

    /** Validates the arguments and the stability condition ρ < 1. */
    public MMc {
        Checks.positive("lambda", lambda);
        Checks.positive("meanService", meanService);
        Checks.atLeast("servers", servers, 1);
        Checks.stable("utilisation lambda * meanService / servers", lambda * meanService / servers);
    }

    /** Offered load a = λS in Erlangs. */
    public double offeredLoad() {
        return lambda * meanService;
    }

    /** Utilisation of each server, ρ = λS/c. */
    public double utilisation() {
        return offeredLoad() / servers;
    }

    /** Probability that an arrival waits (Erlang C). */
    public double probabilityOfWaiting() {
        return Erlang.erlangC(servers, offeredLoad());
    }

    /** Mean waiting time in queue, Wq = C / (cμ - λ). */
    public double meanWait() {
        return probabilityOfWaiting() / drainRate();
    }

    /** Mean response time, W = Wq + S. */
    public double meanResponse() {
        return meanWait() + meanService;
    }

    /** Mean number waiting, Lq = λ·Wq. */
    public double meanQueueLength() {
        return lambda * meanWait();
    }

    /** Mean number in the system, L = λ·W. */
    public double meanNumberInSystem() {
        return lambda * meanResponse();
    }

    /** P(Wq > t) = C·exp(-(cμ - λ)t) for t ≥ 0. */
    public double waitTail(double t) {
        Checks.nonNegative("t", t);
        return probabilityOfWaiting() * Math.exp(-drainRate() * t);
    }

    /** The p-quantile of the waiting time: 0 when p ≤ 1 - C, else ln(C / (1 - p)) / (cμ - λ). */
    public double waitQuantile(double p) {
        Checks.openProbability("p", p);
        double c = probabilityOfWaiting();
        if (1.0 - p >= c) {
            return 0.0;
        }
        return Math.log(c / (1.0 - p)) / drainRate();
    }

    /**
     * P(W > t) for the response time W = Wq + S. With θ = cμ - λ this is
     * {@code (1 - C)e^{-μt} + C·P(Exp(θ) + Exp(μ) > t)}; for c = 1 it reduces to e^{-(μ - λ)t}.
     */
    public double responseTail(double t) {
        Checks.nonNegative("t", t);
        double mu = 1.0 / meanService;
        double c = probabilityOfWaiting();
        double serviceOnly = Math.exp(-mu * t);
        return (1.0 - c) * serviceOnly + c * hypoexponentialTail(drainRate(), mu, t);
    }

    /**
     * The p-quantile of the response time. For one server the response time is exponential with
     * rate μ - λ, so this is {@code -ln(1 - p) / (μ - λ)}; for several servers the tail is
     * inverted numerically (Brent, absolute accuracy 1e-12 of the time unit scaled by S).
     */
    public double responseQuantile(double p) {
        Checks.openProbability("p", p);
        if (servers == 1) {
            return -Math.log1p(-p) / drainRate();
        }
        double upper = meanService;
        while (responseTail(upper) > 1.0 - p) {
            upper *= 2.0;
        }
        BrentSolver solver = new BrentSolver(SOLVER_ACCURACY * meanService);
        return solver.solve(SOLVER_EVALUATIONS, t -> responseTail(t) - (1.0 - p), 0.0, upper);
    }

    /** cμ - λ, the rate at which a queue of waiting customers drains. */
    private double drainRate() {
        return servers / meanService - lambda;
    }

    /**
     * P(X + Y > t) for independent exponentials with rates {@code a} and {@code b}. With
     * {@code lo ≤ hi} the two rates it is {@code e^{-lo·t}(1 - lo·expm1(-(hi-lo)t)/(hi-lo))}:
     * every factor is bounded, and as hi → lo it tends to {@code e^{-lo·t}(1 + lo·t)}.
     */
    private static double hypoexponentialTail(double a, double b, double t) {
        double lo = Math.min(a, b);
        double d = Math.max(a, b) - lo;
        double ratio = d == 0.0 ? -t : Math.expm1(-d * t) / d;
        return Math.exp(-lo * t) * (1.0 - lo * ratio);
    }
}
