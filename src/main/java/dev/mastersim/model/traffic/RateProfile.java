package dev.mastersim.model.traffic;

import dev.mastersim.scenario.Spike;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The open source's arrival rate over simulated time, piecewise constant: a peak hour (one rate,
 * spikes on top), or a day (24 hourly rates after a warm-up, spikes on top).
 *
 * <p><b>Exact arrivals.</b> A Poisson process of rate λ(t) is a unit-rate Poisson process run on the
 * clock Λ(t) = ∫λ: the next arrival after {@code t} is the {@code s} with Λ(s) − Λ(t) = E, where E
 * is exponential with mean 1 (Çinlar, <i>Introduction to Stochastic Processes</i>, 1975, §4.7).
 * With λ piecewise constant, {@link #nextArrival} walks from {@code t} across the segments,
 * subtracting each one's area from E, until E runs out inside a segment. That is exact, draws one
 * number per arrival and rejects none (thinning, the alternative, draws candidates at the highest
 * rate and discards the surplus: at night, most of them). With one constant segment it is the plain
 * Poisson step {@code now + E/λ}.
 *
 * <p><b>Spikes.</b> Inside a spike the rate is multiplied by its factor (below 1 it is a dip; 0 stops
 * the traffic). Where spikes overlap, the largest factor applies. A spike's {@code at} is measured
 * from an origin the caller chooses: the start of the run for a peak hour (warm-up included, as the
 * peak-hour run has always done), the start of hour 0 for a day.
 *
 * <p>Immutable, so replications may share one; a segment is found by binary search over a few dozen
 * boundaries, and nothing is allocated per call.
 */
public final class RateProfile {
    /** Seconds in an hour: the day's windows are real hours. */
    public static final double HOUR = 3600;

    /** Hours in the day a day run simulates. */
    public static final int HOURS = 24;

    private final double[] start;
    private final double[] rate;

    private RateProfile(double[] start, double[] rate) {
        this.start = start;
        this.rate = rate;
    }

    /** One rate forever. */
    public static RateProfile constant(double rate) {
        return steps(new double[] {0}, new double[] {rate});
    }

    /**
     * The rate {@code rates[i]} from {@code starts[i]} until the next start (the last one forever).
     * Starts ascend strictly from 0; rates are finite and at least 0.
     */
    public static RateProfile steps(double[] starts, double[] rates) {
        if (starts.length == 0 || starts.length != rates.length || starts[0] != 0) {
            throw new IllegalArgumentException("steps need as many rates as starts, the first start at 0");
        }
        for (int i = 0; i < starts.length; i++) {
            if (i > 0 && !(starts[i] > starts[i - 1])) {
                throw new IllegalArgumentException("starts must ascend: " + Arrays.toString(starts));
            }
            if (!(rates[i] >= 0) || Double.isInfinite(rates[i])) {
                throw new IllegalArgumentException("rates must be finite and >= 0: " + rates[i]);
            }
        }
        return merged(starts.clone(), rates.clone());
    }

    /** A peak hour: {@code rate} throughout, with {@code spikes} timed from the start of the run. */
    public static RateProfile peakHour(double rate, List<Spike> spikes) {
        return constant(rate).withSpikes(spikes, 0);
    }

    /**
     * A day after a warm-up: {@code warmup} seconds at hour 0's rate, then hour {@code h} (from
     * {@code warmup + h·3600}) at {@code base × daily[h]}, with {@code spikes} timed from the start
     * of hour 0. An empty {@code daily} means 1 every hour. After hour 23 its rate goes on.
     */
    public static RateProfile day(double base, double[] daily, List<Spike> spikes, double warmup) {
        if (daily.length != 0 && daily.length != HOURS) {
            throw new IllegalArgumentException("daily needs 24 entries, got " + daily.length);
        }
        boolean warm = warmup > 0;
        double[] starts = new double[HOURS + (warm ? 1 : 0)];
        double[] rates = new double[starts.length];
        int k = 0;
        if (warm) {
            rates[k++] = base * (daily.length == 0 ? 1 : daily[0]);
        }
        for (int h = 0; h < HOURS; h++, k++) {
            starts[k] = warmup + h * HOUR;
            rates[k] = base * (daily.length == 0 ? 1 : daily[h]);
        }
        return steps(starts, rates).withSpikes(spikes, warmup);
    }

    /** This profile with {@code spikes} applied, each starting {@code origin + at}. */
    public RateProfile withSpikes(List<Spike> spikes, double origin) {
        if (spikes.isEmpty()) {
            return this;
        }
        TreeSet<Double> bounds = new TreeSet<>();
        for (double s : start) {
            bounds.add(s);
        }
        for (Spike s : spikes) {
            bounds.add(origin + s.at());
            bounds.add(origin + s.at() + s.length());
        }
        double[] starts = new double[bounds.size()];
        double[] rates = new double[starts.length];
        int i = 0;
        for (double b : bounds) {
            starts[i] = b;
            rates[i] = rateAt(b) * factor(spikes, origin, b);
            i++;
        }
        return merged(starts, rates);
    }

    /** The rate at time {@code t}, requests per second. */
    public double rateAt(double t) {
        return rate[segment(t)];
    }

    /** The first time after {@code t} at which the rate changes; infinity when it never does again. */
    public double nextChange(double t) {
        int i = segment(t);
        return i + 1 < start.length ? start[i + 1] : Double.POSITIVE_INFINITY;
    }

    /** The highest rate anywhere. */
    public double maxRate() {
        double m = 0;
        for (double r : rate) {
            m = Math.max(m, r);
        }
        return m;
    }

    /** The mean rate over [{@code from}, {@code to}): the expected arrivals divided by the length. */
    public double meanRate(double from, double to) {
        if (!(to > from)) {
            return rateAt(from);
        }
        double area = 0;
        int i = segment(from);
        double t = from;
        while (t < to) {
            double end = i + 1 < start.length ? Math.min(to, start[i + 1]) : to;
            area += (end - t) * rate[i];
            t = end;
            i++;
        }
        return area / (to - from);
    }

    /**
     * The next arrival after {@code now}, given {@code unitExponential} drawn with mean 1: the time
     * at which the expected arrivals since {@code now} reach it; infinity when the rate stays 0.
     */
    public double nextArrival(double now, double unitExponential) {
        int i = segment(now);
        double t = now;
        double left = unitExponential;
        int last = start.length - 1;
        while (true) {
            double r = rate[i];
            if (r > 0) {
                double s = t + left / r;
                if (i == last || s < start[i + 1]) {
                    return s;
                }
                left = Math.max(0, left - (start[i + 1] - t) * r);
            } else if (i == last) {
                return Double.POSITIVE_INFINITY;
            }
            t = start[++i];
        }
    }

    /** The last segment that starts at or before {@code t} (the first one for t before 0). */
    private int segment(double t) {
        int lo = 0;
        int hi = start.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The largest factor of the spikes covering {@code t}, or 1 when none does. */
    private static double factor(List<Spike> spikes, double origin, double t) {
        double f = Double.NaN;
        for (Spike s : spikes) {
            double from = origin + s.at();
            if (t >= from && t < from + s.length()) {
                f = Double.isNaN(f) ? s.factor() : Math.max(f, s.factor());
            }
        }
        return Double.isNaN(f) ? 1 : f;
    }

    /** The profile with neighbouring segments of equal rate joined. */
    private static RateProfile merged(double[] starts, double[] rates) {
        int n = 0;
        for (int i = 0; i < starts.length; i++) {
            if (n > 0 && rates[i] == rates[n - 1]) {
                continue;
            }
            starts[n] = starts[i];
            rates[n] = rates[i];
            n++;
        }
        return new RateProfile(Arrays.copyOf(starts, n), Arrays.copyOf(rates, n));
    }

    @Override
    public String toString() {
        return "RateProfile" + Arrays.toString(start) + Arrays.toString(rate);
    }
}
