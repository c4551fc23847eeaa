/**
 * Queueing stations: FIFO multi-server service centres (CPU, disk, applier).
 * A queue of requests plus a grant rule, with time-weighted statistics.
 */
package dev.mastersim.model.station;
