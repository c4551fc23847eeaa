package dev.mastersim.scenario;

/** A response-time percentile named in the SLO, or the mean (a target on the average response time). */
public enum Percentile {
    MEAN(Double.NaN, "mean"),
    P50(0.50, "p50"),
    P95(0.95, "p95"),
    P99(0.99, "p99"),
    P999(0.999, "p999");

    private final double quantile;
    private final String key;

    Percentile(double quantile, String key) {
        this.quantile = quantile;
        this.key = key;
    }

    /** The quantile as a fraction, e.g. 0.99 (NaN for the mean). */
    public double quantile() {
        return quantile;
    }

    /** The name in files and JSON output, e.g. "p99". */
    public String key() {
        return key;
    }
}
