package dev.mastersim.experiment.result;

/**
 * A figure as users see it: the mean over replications and the half-width of its 95% confidence
 * interval (NaN with a single replication).
 */
public record Figure(double mean, double ci95) {
    public double lower() {
        return Double.isNaN(ci95) ? mean : mean - ci95;
    }

    public double upper() {
        return Double.isNaN(ci95) ? mean : mean + ci95;
    }
}
