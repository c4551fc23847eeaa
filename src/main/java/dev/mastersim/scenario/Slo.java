package dev.mastersim.scenario;

/**
 * What "saturated" means.
 *
 * @param target seconds the percentile of response time may reach
 * @param errorRate largest acceptable fraction of failed requests
 * @param utilisation largest acceptable busy fraction of any station
 * @param maxLag seconds of replica lag readers tolerate: the lag's load index is lag ÷ this
 */
public record Slo(Percentile percentile, double target, double errorRate, double utilisation, double maxLag) {

    /** An SLO with the default {@code max_lag}. */
    public Slo(Percentile percentile, double target, double errorRate, double utilisation) {
        this(percentile, target, errorRate, utilisation, Defaults.SLO_MAX_LAG);
    }
}
