package dev.mastersim.scenario;

/**
 * A connection pool (HikariCP semantics).
 *
 * @param size connections (0 = no pool, unlimited)
 * @param connectionTimeout seconds of waiting for a connection before the request fails
 */
public record Pool(int size, double connectionTimeout) {}
