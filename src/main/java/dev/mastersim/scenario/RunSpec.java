package dev.mastersim.scenario;

/**
 * The experiment: length and number of replications.
 *
 * @param duration simulated seconds per replication, after warm-up
 * @param warmup simulated seconds before statistics are reset
 */
public record RunSpec(double duration, double warmup, int replications, long seed) {}
