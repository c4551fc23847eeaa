package dev.mastersim.experiment.result;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one number style of the text and CSV reports and of the verdict's sentences (JSON keeps full
 * doubles). A value has {@value #SIGNIFICANT} significant figures, trailing zeros dropped
 * ({@code 90.05}, {@code 120}); a mean with an interval is printed to one decimal place for both, the
 * mean's, or finer when the interval needs it to show one significant digit ({@code 298.8 ± 4.8},
 * {@code 0.0047 ± 0.0002}); a fraction that is a share of capacity is a percentage ({@code 45.2%}); a
 * value beside its limit gets the digits that make the comparison visible ({@code 90.04%} above the
 * {@code 90%} limit).
 */
public final class Numbers {
    private Numbers() {}

    /** Significant figures of a value and of a mean. */
    public static final int SIGNIFICANT = 4;

    /** The most decimals any number is printed with. */
    private static final int MAX_DECIMALS = 9;

    /** What a value that is not a number (NaN, infinite) prints as. */
    public static final String NONE = "-";

    /**
     * {@code x} with {@value #SIGNIFICANT} significant figures, trailing zeros dropped; below {@link #TINY}
     * (but not 0) in scientific notation ({@code 8.501e-6}), where the zeros would hide the figures.
     */
    public static String value(double x) {
        if (!Double.isFinite(x)) {
            return NONE;
        }
        if (x != 0 && Math.abs(x) < TINY) {
            BigDecimal r = new BigDecimal(x)
                    .round(new java.math.MathContext(SIGNIFICANT))
                    .stripTrailingZeros();
            int exponent = r.precision() - r.scale() - 1;
            return r.movePointLeft(exponent).toPlainString() + "e" + exponent;
        }
        return fixed(x, decimals(x));
    }

    /** Magnitudes below this are written in scientific notation by {@link #value}. */
    public static final double TINY = 1e-4;

    /** {@code mean ± ci95} at one decimal place; the mean alone when the interval is not a number. */
    public static String figure(double mean, double ci95) {
        if (!Double.isFinite(mean)) {
            return NONE;
        }
        if (!Double.isFinite(ci95)) {
            return value(mean);
        }
        int d = decimals(mean, ci95);
        return fixed(mean, d) + " ± " + fixed(ci95, d);
    }

    /** The mean of {@link #figure}, for a column of its own. */
    public static String mean(double mean, double ci95) {
        if (!Double.isFinite(mean)) {
            return NONE;
        }
        return Double.isFinite(ci95) ? fixed(mean, decimals(mean, ci95)) : value(mean);
    }

    /** The interval of {@link #figure}, for a column of its own ({@link #NONE} when not a number). */
    public static String interval(double mean, double ci95) {
        if (!Double.isFinite(ci95)) {
            return NONE;
        }
        return fixed(ci95, Double.isFinite(mean) ? decimals(mean, ci95) : decimals(ci95));
    }

    /** A fraction as a percentage with {@value #SIGNIFICANT} significant figures: 0.4521 is {@code 45.21%}. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? value(fraction * 100) + "%" : NONE;
    }

    /** A fraction with its interval as percentages: {@code 45.21 ± 0.13%}. */
    public static String percentFigure(double mean, double ci95) {
        return Double.isFinite(mean) ? figure(mean * 100, ci95 * 100) + "%" : NONE;
    }

    /**
     * {@code value} and {@code limit} as percentages, the value with as many decimals (at least one) as
     * it takes not to print as the limit: {@code [90.4%, 90%]}, {@code [90.004%, 90%]}.
     */
    public static String[] percentAgainst(double value, double limit) {
        String[] pair = against(value * 100, limit * 100);
        return new String[] {pair[0] + "%", pair[1] + "%"};
    }

    /**
     * {@code value} and {@code limit}, the limit with its significant figures and the value with as many
     * decimals (at least one) as it takes not to print as the limit: {@code [300.2, 300]}.
     */
    public static String[] against(double value, double limit) {
        String l = value(limit);
        if (!Double.isFinite(value)) {
            return new String[] {NONE, l};
        }
        int d = 1;
        while (d < MAX_DECIMALS && value != limit && round(value, d).compareTo(round(limit, d)) == 0) {
            d++;
        }
        return new String[] {fixed(value, d), l};
    }

    /** Decimals for {@value #SIGNIFICANT} significant figures of {@code x}, trailing zeros dropped. */
    static int decimals(double x) {
        if (x == 0) {
            return 0;
        }
        int d = SIGNIFICANT - 1 - (int) Math.floor(Math.log10(Math.abs(x)));
        d = Math.max(0, Math.min(MAX_DECIMALS, d));
        BigDecimal r = round(x, d).stripTrailingZeros();
        return Math.max(0, Math.min(d, r.scale()));
    }

    /** Decimals for a mean and its interval: the mean's, or the interval's first significant digit's if finer. */
    static int decimals(double mean, double ci95) {
        int d = decimals(mean);
        if (ci95 > 0) {
            int first = -(int) Math.floor(Math.log10(ci95));
            // rounding may carry into the next digit (0.0096 at 3 decimals is 0.010): one digit is enough
            d = Math.max(d, Math.min(MAX_DECIMALS, first));
        }
        return d;
    }

    private static BigDecimal round(double x, int decimals) {
        return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP);
    }

    private static String fixed(double x, int decimals) {
        String s = round(x, decimals).toPlainString();
        // -0.0 and values that round to zero print without a sign
        if (s.startsWith("-") && round(x, decimals).signum() == 0) {
            s = s.substring(1);
        }
        return s;
    }
}
