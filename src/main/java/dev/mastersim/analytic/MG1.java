package dev.mastersim.analytic;

/**
 * The M/G/1 queue by the Pollaczek–Khinchine formula: Poisson arrivals at rate {@code lambda}, one
 * FCFS server whose service time has mean {@code meanService} and second moment
 * {@code secondMoment} = E[S²]. Then {@code Wq = λE[S²] / (2(1 - ρ))} with ρ = λE[S], and the
 * other means follow by Little's law (Kleinrock vol. 1, §5.6). Requires ρ < 1.
 *
 * @param lambda arrival rate λ
 * @param meanService E[S]
 * @param secondMoment E[S²], at least E[S]²
 */
public record MG1(double lambda, double meanService, double secondMoment) {

    /** Validates the arguments, E[S²] ≥ E[S]² and ρ < 1. */
    public MG1 {
        Checks.positive("lambda", lambda);
        Checks.positive("meanService", meanService);
        Checks.positive("secondMoment", secondMoment);
        // a relative slack of 1e-12 admits deterministic service computed as S*S
        if (secondMoment < meanService * meanService * (1.0 - 1e-12)) {
            throw new IllegalArgumentException(
                    "secondMoment must be >= meanService^2 = " + meanService * meanService + ", got " + secondMoment);
        }
        Checks.stable("utilisation lambda * meanService", lambda * meanService);
    }

    /** An M/G/1 queue whose service time has coefficient of variation {@code cv} = σ_S / E[S]. */
    public static MG1 ofCv(double lambda, double meanService, double cv) {
        Checks.nonNegative("cv", cv);
        return new MG1(lambda, meanService, meanService * meanService * (1.0 + cv * cv));
    }

    /** Utilisation ρ = λE[S]. */
    public double utilisation() {
        return lambda * meanService;
    }

    /** Squared coefficient of variation of the service time, E[S²]/E[S]² - 1. */
    public double serviceScv() {
        return secondMoment / (meanService * meanService) - 1.0;
    }

    /** Mean waiting time, Wq = λE[S²] / (2(1 - ρ)). */
    public double meanWait() {
        return lambda * secondMoment / (2.0 * (1.0 - utilisation()));
    }

    /** Mean response time, W = Wq + E[S]. */
    public double meanResponse() {
        return meanWait() + meanService;
    }

    /** Mean number waiting, Lq = λWq. */
    public double meanQueueLength() {
        return lambda * meanWait();
    }

    /** Mean number in the system, L = λW. */
    public double meanNumberInSystem() {
        return lambda * meanResponse();
    }
}
