package dev.mastersim.scenario;

/**
 * What "saturated" means.
 *
 * @param target seconds the percentile of response time may reach
 * @param errorRate largest acceptable fraction of failed requests
 * @param utilisation largest acceptable busy fraction of any station
 */
public record Slo(Percentile percentile, double target, double errorRate, double utilisation) {}
