package dev.mastersim.analytic;

/**
 * The Allen–Cunneen approximation for the mean wait in a GI/G/c queue: the M/M/c wait scaled by
 * the mean of the squared coefficients of variation of inter-arrival and service times,
 * {@code Wq ≈ C(c, a) / (cμ - λ) · (ca² + cs²) / 2}.
 *
 * <p>This is an approximation, not an exact result: it is exact for M/M/c (both SCVs 1) and, with
 * c = 1 and Poisson arrivals, it coincides with Pollaczek–Khinchine; elsewhere its error is
 * typically a few per cent and grows for low utilisation and very variable service
 * (Allen, <i>Probability, Statistics, and Queueing Theory</i>, 2nd ed., §6.4).
 */
public final class AllenCunneen {

    private AllenCunneen() {}

    /**
     * Approximate mean wait in an M/G/c queue, whose service time has coefficient of variation
     * {@code serviceCv}.
     */
    public static double meanWaitMGc(double lambda, double meanService, int servers, double serviceCv) {
        return meanWait(lambda, meanService, servers, 1.0, serviceCv);
    }

    /**
     * Approximate mean wait in a GI/G/c queue with inter-arrival coefficient of variation
     * {@code arrivalCv} and service coefficient of variation {@code serviceCv}.
     */
    public static double meanWait(double lambda, double meanService, int servers, double arrivalCv, double serviceCv) {
        Checks.nonNegative("arrivalCv", arrivalCv);
        Checks.nonNegative("serviceCv", serviceCv);
        MMc markovian = new MMc(lambda, meanService, servers);
        return markovian.meanWait() * (arrivalCv * arrivalCv + serviceCv * serviceCv) / 2.0;
    }
}
