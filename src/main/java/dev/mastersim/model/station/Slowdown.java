package dev.mastersim.model.station;

import java.util.Arrays;

/**
 * How much slower than usual a station's work is at each moment: the product of the windows covering
 * it, each either a constant factor (slow storage) or a factor falling linearly to 1 over the window
 * (a cold cache after a restart). A pure function of time, so nothing schedules or undoes it; a
 * station without one (the usual case) pays nothing.
 */
public final class Slowdown {
    private double[] from = new double[0];
    private double[] to = new double[0];
    private double[] factor = new double[0];
    private boolean[] decaying = new boolean[0];

    /** Work is {@code factor} x slower from {@code from} until {@code to}. */
    public void constant(double from, double to, double factor) {
        add(from, to, factor, false);
    }

    /** Work is {@code factor} x slower at {@code from}, falling linearly to 1 at {@code to}. */
    public void decaying(double from, double to, double factor) {
        add(from, to, factor, true);
    }

    private void add(double start, double end, double f, boolean decay) {
        int n = from.length;
        from = Arrays.copyOf(from, n + 1);
        to = Arrays.copyOf(to, n + 1);
        factor = Arrays.copyOf(factor, n + 1);
        decaying = Arrays.copyOf(decaying, n + 1);
        from[n] = start;
        to[n] = end;
        factor[n] = f;
        decaying[n] = decay;
    }

    /** The factor at {@code now}: 1 outside every window. */
    public double at(double now) {
        double f = 1;
        for (int i = 0; i < from.length; i++) {
            if (now >= from[i] && now < to[i]) {
                f *= decaying[i] ? 1 + (factor[i] - 1) * (to[i] - now) / (to[i] - from[i]) : factor[i];
            }
        }
        return f;
    }
}
