package dev.mastersim.engine;

/** Per-observation statistics (count, mean, variance by Welford's update, min, max). */
public final class Tally {
    private long count;
    private double mean;
    private double m2;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Records one observation. */
    public void add(double x) {
        count++;
        sum += x;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    /** Forgets everything recorded (the end of warm-up). */
    public void reset() {
        count = 0;
        mean = 0;
        m2 = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    /** The mean, or 0 when nothing was recorded. */
    public double mean() {
        return count == 0 ? 0 : mean;
    }

    /** The sample variance, or 0 with fewer than two observations. */
    public double variance() {
        return count < 2 ? 0 : m2 / (count - 1);
    }

    public double min() {
        return count == 0 ? 0 : min;
    }

    public double max() {
        return count == 0 ? 0 : max;
    }
}
