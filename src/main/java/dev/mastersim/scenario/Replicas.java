package dev.mastersim.scenario;

/**
 * Read replicas.
 *
 * @param count replicas (0 = every read goes to the master)
 * @param appliers apply threads per replica (1 = applied in commit order)
 */
public record Replicas(int count, int cores, int appliers, Routing routing) {}
