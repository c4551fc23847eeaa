/**
 * The master's lock manager: strict two-phase locking, FIFO queues per granule, deadlock detection.
 * Allocates nothing per request in steady state.
 */
package dev.mastersim.model.lock;
