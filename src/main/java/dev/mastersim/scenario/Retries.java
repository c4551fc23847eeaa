package dev.mastersim.scenario;

/**
 * Retries after a deadlock or lock-wait timeout.
 *
 * @param backoff mean of the exponential back-off before a retry, seconds
 */
public record Retries(int max, double backoff) {}
