/**
 * The discrete-event executive: clock, event list, random streams and statistics.
 * Knows nothing of databases; one simulation per thread, deterministic for a seed.
 */
package dev.mastersim.engine;
