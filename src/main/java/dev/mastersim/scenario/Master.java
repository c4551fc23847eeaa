package dev.mastersim.scenario;

/**
 * The write master.
 *
 * @param cores CPU servers (0 = unlimited)
 * @param flush commit log flush
 * @param maxConnections database-side connection cap (0 = none)
 * @param lockWaitTimeout seconds a lock wait may last before the transaction aborts
 * @param shards number of masters keys hash to (1 = unsharded)
 * @param flushPerCommit seconds of log device time per commit in a flush: a flush of n commits takes
 *     {@code flush + n x flushPerCommit}, which gives group commit its ceiling of 1/flushPerCommit commits/s
 * @param deadlockTimeout seconds a lock wait lasts before it is searched for a deadlock (PostgreSQL's {@code
 *     deadlock_timeout}); 0 searches each wait as it begins
 * @param wakeupCost seconds of master CPU per request waiting on a granule when a release scans its queue
 *     (PostgreSQL's {@code ProcLockWakeup} walks every waiter of a released lock); 0 leaves it out
 * @param refetchCost seconds of master CPU each request waiting on a released granule spends of its own once
 *     woken (PostgreSQL's waiter re-fetches the row's newest version and re-checks it); 0 leaves it out
 * @param crossShard with shards: the share of write transactions whose rows each hash to their own shard (and
 *     pay two-phase commit when that is more than one); the others live wholly on their first row's shard, as a
 *     sharded schema co-locates what one transaction touches
 */
public record Master(
        int cores,
        Dist flush,
        boolean groupCommit,
        int maxConnections,
        double lockWaitTimeout,
        int shards,
        double crossShard,
        double flushPerCommit,
        double deadlockTimeout,
        double wakeupCost,
        double refetchCost) {

    /** A master whose woken waiters do no work of their own ({@code refetch_cost: 0}). */
    public Master(
            int cores,
            Dist flush,
            boolean groupCommit,
            int maxConnections,
            double lockWaitTimeout,
            int shards,
            double crossShard,
            double flushPerCommit,
            double deadlockTimeout,
            double wakeupCost) {
        this(
                cores,
                flush,
                groupCommit,
                maxConnections,
                lockWaitTimeout,
                shards,
                crossShard,
                flushPerCommit,
                deadlockTimeout,
                wakeupCost,
                0);
    }

    /** A master whose lock releases cost nothing ({@code wakeup_cost: 0}). */
    public Master(
            int cores,
            Dist flush,
            boolean groupCommit,
            int maxConnections,
            double lockWaitTimeout,
            int shards,
            double crossShard,
            double flushPerCommit,
            double deadlockTimeout) {
        this(
                cores,
                flush,
                groupCommit,
                maxConnections,
                lockWaitTimeout,
                shards,
                crossShard,
                flushPerCommit,
                deadlockTimeout,
                0);
    }

    /** A master that searches each lock wait for a deadlock as it begins ({@code deadlock_timeout: 0}). */
    public Master(
            int cores,
            Dist flush,
            boolean groupCommit,
            int maxConnections,
            double lockWaitTimeout,
            int shards,
            double crossShard,
            double flushPerCommit) {
        this(cores, flush, groupCommit, maxConnections, lockWaitTimeout, shards, crossShard, flushPerCommit, 0);
    }

    /** A master without per-commit log time ({@code flush_per_commit: 0}). */
    public Master(
            int cores,
            Dist flush,
            boolean groupCommit,
            int maxConnections,
            double lockWaitTimeout,
            int shards,
            double crossShard) {
        this(cores, flush, groupCommit, maxConnections, lockWaitTimeout, shards, crossShard, 0);
    }

    /** A master whose sharded transactions use the default cross-shard share. */
    public Master(int cores, Dist flush, boolean groupCommit, int maxConnections, double lockWaitTimeout, int shards) {
        this(cores, flush, groupCommit, maxConnections, lockWaitTimeout, shards, Defaults.CROSS_SHARD);
    }
}
