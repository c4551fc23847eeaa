package dev.mastersim.model.topology;

import dev.mastersim.engine.Metric;

/** The declarations one lock table's figures are put as: a table's over every shard, or one shard's of it. */
record LockFigures(
        Metric waitProbability,
        Metric waitMs,
        Metric deadlocks,
        Metric timeouts,
        Metric retries,
        Metric held,
        Metric active,
        Metric blockedFraction,
        Metric conflictRatio,
        Metric conflicts,
        Metric hotGranuleBusy) {

    /** {@code locks/<table>/...}: the table over every shard. */
    static final LockFigures TABLE = new LockFigures(
            Metrics.LOCK_WAIT_PROBABILITY,
            Metrics.LOCK_WAIT,
            Metrics.LOCK_DEADLOCKS,
            Metrics.LOCK_TIMEOUTS,
            Metrics.LOCK_RETRIES,
            Metrics.LOCKS_HELD,
            Metrics.LOCK_ACTIVE,
            Metrics.LOCK_BLOCKED_FRACTION,
            Metrics.LOCK_CONFLICT_RATIO,
            Metrics.LOCK_CONFLICTS,
            Metrics.LOCK_HOT_GRANULE_BUSY);

    /** {@code locks/<table>/shard-<i>/...}: one shard's lock table on the table. */
    static final LockFigures SHARD = new LockFigures(
            Metrics.SHARD_LOCK_WAIT_PROBABILITY,
            Metrics.SHARD_LOCK_WAIT,
            Metrics.SHARD_LOCK_DEADLOCKS,
            Metrics.SHARD_LOCK_TIMEOUTS,
            Metrics.SHARD_LOCK_RETRIES,
            Metrics.SHARD_LOCKS_HELD,
            Metrics.SHARD_LOCK_ACTIVE,
            Metrics.SHARD_LOCK_BLOCKED_FRACTION,
            Metrics.SHARD_LOCK_CONFLICT_RATIO,
            Metrics.SHARD_LOCK_CONFLICTS,
            Metrics.SHARD_LOCK_HOT_GRANULE_BUSY);
}
