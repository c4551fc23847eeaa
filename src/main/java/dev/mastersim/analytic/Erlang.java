package dev.mastersim.analytic;

/**
 * Erlang's loss and delay formulas for c identical servers fed by Poisson arrivals.
 *
 * <p>Both are computed with the classical recurrence on the number of servers,
 * {@code B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1))}, which never forms a factorial or a power
 * of {@code a} and so stays accurate for thousands of servers. Erlang C follows from B by
 * {@code C = c·B / (c - a·(1 - B))} (Kleinrock, <i>Queueing Systems</i> vol. 1, §3.5–3.6).
 */
public final class Erlang {

    private Erlang() {}

    /**
     * Erlang B: the probability that an arrival finds all {@code c} servers busy and is lost
     * (M/M/c/c), for offered load {@code a = λ·S} in Erlangs.
     */
    public static double erlangB(int c, double a) {
        Checks.atLeast("c", c, 0);
        Checks.nonNegative("a", a);
        double b = 1.0;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /**
     * Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered load
     * {@code a = λ·S < c}.
     */
    public static double erlangC(int c, double a) {
        Checks.atLeast("c", c, 1);
        Checks.nonNegative("a", a);
        Checks.stable("a / c", a / c);
        double b = erlangB(c, a);
        return c * b / (c - a * (1.0 - b));
    }
}
