package dev.mastersim.analytic;

/** Argument checks shared by the closed forms; each failure names the offending argument. */
final class Checks {

    private Checks() {}

    /** Returns {@code value} if it is finite and strictly positive. */
    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and not negative. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least {@code min}. */
    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it lies in the open interval (0, 1). */
    static double openProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
        }
        return value;
    }

    /** Returns {@code rho} if it is below 1, the stability condition of an open queue. */
    static double stable(String name, double rho) {
        if (!(rho < 1)) {
            throw new IllegalArgumentException(name + " must be < 1 for a stable queue, got " + rho);
        }
        return rho;
    }
}
