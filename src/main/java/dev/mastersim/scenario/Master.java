package dev.mastersim.scenario;

/**
 * The write master.
 *
 * @param cores CPU servers (0 = unlimited)
 * @param flush commit log flush
 * @param maxConnections database-side connection cap (0 = none)
 * @param lockWaitTimeout seconds a lock wait may last before the transaction aborts
 * @param shards number of masters keys hash to (1 = unsharded)
 */
public record Master(
        int cores, Dist flush, boolean groupCommit, int maxConnections, double lockWaitTimeout, int shards) {}
