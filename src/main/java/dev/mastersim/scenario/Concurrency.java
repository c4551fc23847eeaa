package dev.mastersim.scenario;

/** Concurrency control on the master. */
public enum Concurrency {
    /** Strict two-phase locking; conflicts wait. */
    LOCKING,
    /** A request that would wait aborts at once. */
    NO_WAIT,
    /** No locks; validate at commit. */
    OPTIMISTIC
}
