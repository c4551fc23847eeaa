package dev.mastersim.scenario;

import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The load multiplier over calendar months; month 0 is {@code start}.
 *
 * @param monthly compound growth per month (a fraction), used when {@code points} is empty
 * @param points multipliers at given months, interpolated linearly between them and flat outside; empty in the
 *     monthly form
 */
public record Growth(YearMonth start, double monthly, NavigableMap<YearMonth, Double> points) {

    public Growth {
        Objects.requireNonNull(start, "start");
        points = Collections.unmodifiableNavigableMap(new TreeMap<>(points));
    }

    /** The multiplier in month {@code monthIndex} (0 = start). */
    public double multiplier(int monthIndex) {
        if (points.isEmpty()) {
            return Math.pow(1.0 + monthly, monthIndex);
        }
        YearMonth m = month(monthIndex);
        Map.Entry<YearMonth, Double> lo = points.floorEntry(m);
        Map.Entry<YearMonth, Double> hi = points.ceilingEntry(m);
        if (lo == null) {
            return hi.getValue();
        }
        if (hi == null || lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double span = monthsBetween(lo.getKey(), hi.getKey());
        double t = monthsBetween(lo.getKey(), m) / span;
        return lo.getValue() + t * (hi.getValue() - lo.getValue());
    }

    /** The calendar month of index {@code index} (0 = start). */
    public YearMonth month(int index) {
        return start.plusMonths(index);
    }

    private static double monthsBetween(YearMonth a, YearMonth b) {
        return (b.getYear() - a.getYear()) * 12.0 + (b.getMonthValue() - a.getMonthValue());
    }
}
