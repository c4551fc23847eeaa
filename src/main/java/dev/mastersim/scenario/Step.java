package dev.mastersim.scenario;

/**
 * One run of lock requests on one table.
 *
 * @param locks lock requests (0 = no locking)
 * @param exclusive fraction of the requests in exclusive mode; the rest shared
 */
public record Step(String table, int locks, double exclusive, Granule granule, Access access) {}
