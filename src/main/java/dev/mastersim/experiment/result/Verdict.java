package dev.mastersim.experiment.result;

/**
 * Whether a load saturates the deployment, why (empty when it does not), and the resource that
 * limits it: the one that saturated, or else the one closest to saturating.
 *
 * @param decided false when a confidence interval straddles a limit, so more replications could
 *     change the answer; the verdict then follows the means
 */
public record Verdict(boolean saturated, String reason, String bottleneck, boolean decided) {}
