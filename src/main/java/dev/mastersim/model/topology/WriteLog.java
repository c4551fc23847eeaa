package dev.mastersim.model.topology;

import dev.mastersim.model.lock.LockManager;

/**
 * Optimistic concurrency's memory of the last commit time of every granule written, for validation
 * at commit (backward validation: abort if a granule this transaction touched was written by a
 * transaction that committed after it started). A granule is one shard's: the key is (shard,
 * granule), the granule carrying its table, since with shards every shard has its own pages and its
 * own table granule. An open-addressing table (linear probing, load at most 1/2) of key to time; it
 * only grows, as the set of granules ever written does.
 */
final class WriteLog {
    private long[] keys = new long[1024];
    private int[] shards = new int[1024];
    private double[] times = new double[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** The first of {@code j}'s lock requests whose granule was written after {@code start}, or -1. */
    int firstConflict(Job j, double start) {
        for (int i = 0; i < j.locks; i++) {
            if (lastWrite(j.shardOf[i], j.granule[i]) > start) {
                return i;
            }
        }
        return -1;
    }

    /** Records {@code j}'s exclusive granules as written at {@code now}. */
    void recordWrites(Job j, double now) {
        for (int i = 0; i < j.locks; i++) {
            if (j.mode[i] == LockManager.EXCLUSIVE) {
                put(j.shardOf[i], j.granule[i], now);
            }
        }
    }

    private double lastWrite(int shard, long key) {
        int mask = keys.length - 1;
        for (int i = mix(shard, key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key && shards[i] == shard) {
                return times[i];
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    private void put(int shard, long key, double t) {
        if (size * 2 >= keys.length) {
            rehash();
        }
        int mask = keys.length - 1;
        int i = mix(shard, key) & mask;
        while (used[i] && (keys[i] != key || shards[i] != shard)) {
            i = (i + 1) & mask;
        }
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            shards[i] = shard;
            size++;
        }
        times[i] = t;
    }

    private void rehash() {
        long[] k = keys;
        int[] sh = shards;
        double[] t = times;
        boolean[] u = used;
        keys = new long[k.length * 2];
        shards = new int[k.length * 2];
        times = new double[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(sh[i], k[i], t[i]);
            }
        }
    }

    private static int mix(int shard, long key) {
        long h = (key ^ ((long) shard << 52)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
