package dev.mastersim.experiment.result;

/**
 * Whether a load saturates the deployment, why (empty when it does not), and the resource that
 * limits it: the one that saturated, or else the one closest to saturating.
 */
public record Verdict(boolean saturated, String reason, String bottleneck) {}
