package dev.mastersim.experiment;

import dev.mastersim.scenario.Growth;
import dev.mastersim.scenario.Scenario;
import java.time.YearMonth;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The capacity → month inversion: given a capacity (requests per second at the peak hour) and the
 * scenario's growth curve, the month at which the peak-hour rate reaches it. Pure arithmetic, no
 * simulation: with load growing along a known curve, a capacity measured once answers "in which
 * month" for any horizon.
 *
 * <p>The curve is month 0's peak-hour rate {@code rate₀} times the growth multiplier: compound
 * {@code (1 + g)^t} for {@code monthly} growth, so the crossing is the closed form {@code ln(capacity ÷
 * rate₀) ÷ ln(1 + g)}; piecewise linear between the {@code points}, flat before the first and after
 * the last, so the crossing is found on the first segment that rises through the capacity. A curve that
 * never reaches the capacity (0% growth, a decline, or points that level off below it) has no month.
 *
 * <p>Two answers: {@link #crossing} is the real-valued month where the continuous curve first reaches
 * the capacity; {@link #firstMonthAbove} is the first whole month whose peak-hour rate (the rate a
 * forecast simulates for that month, {@link #rate}) exceeds it, which is the month a deployment of that
 * capacity saturates in: the capacity itself is the highest rate found not saturated.
 */
public final class GrowthInversion {
    /** Months scanned at most for piecewise growth past its last point (where it is flat) or before a month is found. */
    private static final int MAX_SCAN = 100_000;

    private final Growth growth;
    private final double rate0;

    /** The curve {@code rate0 × growth.multiplier(month)}. */
    public GrowthInversion(Growth growth, double rate0) {
        if (!(rate0 > 0) || Double.isInfinite(rate0)) {
            throw new IllegalArgumentException("rate0 must be finite and > 0: " + rate0);
        }
        this.growth = growth;
        this.rate0 = rate0;
    }

    /**
     * The curve of {@code s}: month 0's peak-hour level ({@code rate}, or a closed population's {@code
     * users}, × the largest daily multiplier) and its growth.
     */
    public static GrowthInversion of(Scenario s) {
        double level = Experiment.closed(s) ? s.traffic().users() : s.traffic().rate();
        return new GrowthInversion(
                s.traffic().growth(),
                Math.max(Double.MIN_NORMAL, level * s.traffic().peakDailyMultiplier()));
    }

    /** The peak-hour rate of month {@code month}, as a forecast simulates it. */
    public double rate(int month) {
        return rate0 * growth.multiplier(month);
    }

    /** The calendar month of index {@code month}. */
    public YearMonth calendar(int month) {
        return growth.month(month);
    }

    /**
     * The real-valued month at which the continuous curve first reaches {@code capacity}: 0 when month
     * 0's rate is already at or past it, empty when the curve never reaches it.
     */
    public OptionalDouble crossing(double capacity) {
        double target = capacity / rate0;
        if (growth.multiplier(0) >= target) {
            return OptionalDouble.of(0);
        }
        if (growth.points().isEmpty()) {
            if (!(growth.monthly() > 0)) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Math.log(target) / Math.log1p(growth.monthly()));
        }
        // piecewise linear in calendar months from the start, flat outside the points: the first
        // segment that rises through the target (it lies after month 0, whose value is below it)
        Map.Entry<YearMonth, Double> previous = null;
        for (Map.Entry<YearMonth, Double> p : growth.points().entrySet()) {
            if (previous != null) {
                double a = monthsFromStart(previous.getKey());
                double b = monthsFromStart(p.getKey());
                double va = previous.getValue();
                double vb = p.getValue();
                if (b > 0 && va < target && vb >= target) {
                    return OptionalDouble.of(Math.max(0, a + (target - va) / (vb - va) * (b - a)));
                }
            }
            previous = p;
        }
        return OptionalDouble.empty();
    }

    /**
     * The first whole month whose peak-hour rate exceeds {@code capacity} (0 when month 0's already
     * does), or empty when the curve never exceeds it.
     */
    public OptionalInt firstMonthAbove(double capacity) {
        if (growth.points().isEmpty()) {
            if (rate(0) > capacity) {
                return OptionalInt.of(0);
            }
            if (!(growth.monthly() > 0)) {
                return OptionalInt.empty();
            }
            // the closed form, then settled on the multiplier the forecast itself uses
            double t = Math.log(capacity / rate0) / Math.log1p(growth.monthly());
            if (!(t < Integer.MAX_VALUE - 2)) {
                return OptionalInt.empty();
            }
            int m = Math.max(0, (int) Math.floor(t) + 1);
            while (m > 0 && rate(m - 1) > capacity) {
                m--;
            }
            while (!(rate(m) > capacity)) {
                if (m == Integer.MAX_VALUE - 1) {
                    return OptionalInt.empty();
                }
                m++;
            }
            return OptionalInt.of(m);
        }
        int last = (int) Math.max(0, monthsFromStart(growth.points().lastKey()));
        for (int m = 0; m <= Math.min(last, MAX_SCAN); m++) {
            if (rate(m) > capacity) {
                return OptionalInt.of(m);
            }
        }
        return OptionalInt.empty(); // flat past the last point
    }

    private double monthsFromStart(YearMonth m) {
        YearMonth start = growth.start();
        return (m.getYear() - start.getYear()) * 12.0 + (m.getMonthValue() - start.getMonthValue());
    }
}
