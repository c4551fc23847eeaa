package dev.mastersim.scenario;

/** What goes wrong in a fault event ({@code faults[].kind}). */
public enum FaultKind {
    /** The master (or one shard) serves nothing for the fault's length, then warms up. */
    MASTER_RESTART,
    /** One replica serves and applies nothing for the fault's length, then catches up. */
    REPLICA_LOSS,
    /** The master's flushes (or one replica's apply) take {@code factor} times as long. */
    STORAGE_DEGRADED,
    /** Application servers drop their pools and requests, all at once or in rounds. */
    APP_RESTART
}
