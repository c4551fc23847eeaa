package dev.mastersim.engine;

/**
 * Per-observation statistics (count, mean, variance, min, max).
 *
 * <p>The variance uses the shifted-data sums (Chan, Golub &amp; LeVeque 1983): deviations from the
 * first observation, summed and squared. That is as stable as Welford's update for the data a
 * simulation records, and needs no division per observation; tallies sit on the event loop's hot
 * path (every station start records two).
 */
public final class Tally {
    private long count;
    private double sum;
    private double shift;
    private double shiftedSum;
    private double shiftedSquares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Records one observation. */
    public void add(double x) {
        if (count == 0) {
            shift = x;
        }
        count++;
        sum += x;
        double d = x - shift;
        shiftedSum += d;
        shiftedSquares += d * d;
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
        sum = 0;
        shift = 0;
        shiftedSum = 0;
        shiftedSquares = 0;
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
        return count == 0 ? 0 : sum / count;
    }

    /** The sample variance, or 0 with fewer than two observations. */
    public double variance() {
        if (count < 2) {
            return 0;
        }
        double v = (shiftedSquares - shiftedSum * shiftedSum / count) / (count - 1);
        return Math.max(0, v);
    }

    public double min() {
        return count == 0 ? 0 : min;
    }

    public double max() {
        return count == 0 ? 0 : max;
    }
}
