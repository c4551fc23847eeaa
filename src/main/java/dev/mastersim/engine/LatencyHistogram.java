package dev.mastersim.engine;

import org.HdrHistogram.Histogram;

/**
 * Response times in an HdrHistogram (3 significant digits, microsecond units, up to about 28
 * hours), so percentiles come from the whole distribution rather than a sample list, and
 * histograms of replications can be merged. Recording allocates nothing.
 */
public final class LatencyHistogram {
    private static final long HIGHEST_MICROS = 100_000_000_000L;
    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);
    private double sumSeconds;

    /** Records one duration given in seconds. */
    public void record(double seconds) {
        long micros = Math.round(seconds * 1e6);
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, micros)));
        sumSeconds += seconds;
    }

    public void reset() {
        histogram.reset();
        sumSeconds = 0;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The exact mean of the recorded durations, in seconds (not rounded to buckets). */
    public double meanSeconds() {
        long n = count();
        return n == 0 ? 0 : sumSeconds / n;
    }

    /** The value at quantile {@code q} (0..1), in seconds. */
    public double quantileSeconds(double q) {
        if (count() == 0) {
            return 0;
        }
        return histogram.getValueAtPercentile(q * 100) / 1e6;
    }

    /** Adds another histogram's counts to this one. */
    public void add(LatencyHistogram other) {
        histogram.add(other.histogram);
        sumSeconds += other.sumSeconds;
    }
}
