package dev.mastersim.model.topology;

import dev.mastersim.scenario.Master;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Where data lives: rows hash to shards, a transaction's rows are co-located on one shard unless it is
 * one of the {@code cross_shard} share, and its participants are the shards its locks landed on, in
 * shard order. The only class that knows how many shards there are and how keys map to them; with one
 * shard every answer is 0 and nothing is drawn.
 */
final class ShardMap {
    private final int shards;
    private final double crossShard;
    private final UniformRandomProvider rng;

    /** The shards of {@code master}, co-location drawn from {@code rng}. */
    ShardMap(Master master, UniformRandomProvider rng) {
        this.shards = Math.max(1, master.shards());
        this.crossShard = master.crossShard();
        this.rng = rng;
    }

    /** How many masters there are (1 unsharded). */
    int count() {
        return shards;
    }

    /** The shard that stores a row: rows hash to shards. */
    int shardOf(int table, long row) {
        if (shards == 1) {
            return 0;
        }
        long h = (row ^ ((long) table << 48)) * 0x9E3779B97F4A7C15L;
        return (int) ((h >>> 33) % shards);
    }

    /** The shard a job without rows of its own uses (its reads on the master, a lock-free write). */
    int home(Job j) {
        return shards == 1 ? 0 : (j.id % shards);
    }

    /**
     * Unless this transaction is one of the {@code cross_shard} share, moves its lock requests
     * {@code [from, to)} to the shard of the first one: a sharded schema keeps what one transaction
     * touches together.
     */
    void colocate(Job j, int from, int to) {
        if (shards == 1 || to <= from || rng.nextDouble() < crossShard) {
            return;
        }
        for (int i = from + 1; i < to; i++) {
            j.shardOf[i] = j.shardOf[from];
        }
    }

    /** Makes every shard a lock request of {@code j} landed on a participant, or {@code fallback} if none. */
    static void enlist(Job j, int fallback) {
        for (int i = 0; i < j.locks; i++) {
            j.addParticipant(j.shardOf[i]);
        }
        if (j.participantCount == 0) {
            j.addParticipant(fallback);
        }
    }
}
