package dev.mastersim.scenario;

/** A distribution of a duration (seconds) or any other non-negative quantity. */
public sealed interface Dist {

    /** The mean. */
    double mean();

    /** The coefficient of variation: standard deviation over mean (0 when the mean is 0). */
    double cv();

    /** Memoryless, cv 1. */
    record Exponential(double mean) implements Dist {
        @Override
        public double cv() {
            return mean == 0 ? 0 : 1;
        }
    }

    /** Always the same value. */
    record Constant(double value) implements Dist {
        @Override
        public double mean() {
            return value;
        }

        @Override
        public double cv() {
            return 0;
        }
    }

    /** Log-normal with this mean and coefficient of variation. */
    record LogNormal(double mean, double cv) implements Dist {}

    /** Gamma with this mean and coefficient of variation (cv below 1: less variable than exponential). */
    record Gamma(double mean, double cv) implements Dist {}

    /** Uniform between min and max. */
    record Uniform(double min, double max) implements Dist {
        @Override
        public double mean() {
            return (min + max) / 2;
        }

        @Override
        public double cv() {
            double m = mean();
            return m == 0 ? 0 : (max - min) / Math.sqrt(12) / m;
        }
    }
}
