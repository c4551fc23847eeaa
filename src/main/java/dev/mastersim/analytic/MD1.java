package dev.mastersim.analytic;

/** The M/D/1 queue, the M/G/1 case with constant service: Wq = ρS / (2(1 - ρ)). */
public final class MD1 {

    private MD1() {}

    /** An M/G/1 queue whose service time is exactly {@code serviceTime}. */
    public static MG1 of(double lambda, double serviceTime) {
        return MG1.ofCv(lambda, serviceTime, 0.0);
    }
}
