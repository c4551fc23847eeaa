package dev.mastersim.scenario;

/**
 * Writes acknowledged on enqueue and applied in batches.
 *
 * @param batch largest batch one writer takes
 * @param maxDelay seconds a writer waits to fill a batch
 */
public record WriteQueue(boolean enabled, int batch, double maxDelay, int writers) {}
