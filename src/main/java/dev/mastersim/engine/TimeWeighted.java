package dev.mastersim.engine;

/**
 * A level that changes at event times (queue length, busy servers, connections in use), averaged
 * over time: the integral of the level divided by the time observed since the last reset.
 */
public final class TimeWeighted {
    private double level;
    private double last;
    private double start;
    private double area;
    private double max;

    /** Sets the level to {@code value} at time {@code now}. */
    public void set(double now, double value) {
        area += level * (now - last);
        last = now;
        level = value;
        if (value > max) {
            max = value;
        }
    }

    /** Adds {@code delta} to the level at time {@code now}. */
    public void add(double now, double delta) {
        set(now, level + delta);
    }

    public double level() {
        return level;
    }

    /** Forgets the history before {@code now}, keeping the current level. */
    public void reset(double now) {
        area = 0;
        last = now;
        start = now;
        max = level;
    }

    /** The time-average of the level from the last reset to {@code now}. */
    public double mean(double now) {
        double span = now - start;
        if (span <= 0) {
            return level;
        }
        return (area + level * (now - last)) / span;
    }

    /** The highest level since the last reset. */
    public double max() {
        return max;
    }
}
