package dev.mastersim.scenario;

/** How reads pick a replica. */
public enum Routing {
    ROUND_ROBIN,
    RANDOM,
    LEAST_LOADED
}
