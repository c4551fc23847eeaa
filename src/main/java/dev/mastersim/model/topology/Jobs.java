package dev.mastersim.model.topology;

import java.util.Arrays;

/**
 * The pool of {@link Job} records, indexed by id: events, stations, pools and the lock table carry a
 * job's id, and {@link #get} turns it back into the record. Freed ids are reused last in, first out;
 * the pool only grows (by doubling), so a warmed-up model allocates no job.
 */
final class Jobs {
    private final int tables;
    private final int slots;
    private Job[] jobs = new Job[0];
    private int[] free = new int[0];
    private int freeCount;

    /** A pool whose jobs track locks held on {@code tables} tables and {@code slots} shards' tables. */
    Jobs(int tables, int slots) {
        this.tables = tables;
        this.slots = slots;
    }

    /** The job with this id. */
    Job get(int id) {
        return jobs[id];
    }

    /** A free job, now running for {@code owner}. */
    Job take(TransactionDriver.Owner owner) {
        if (freeCount == 0) {
            grow();
        }
        Job j = jobs[free[--freeCount]];
        j.owner = owner;
        j.waitGeneration++;
        j.killed = Job.ALIVE;
        return j;
    }

    /** How many jobs exist (free or not): ids run from 0 to this, exclusive. */
    int size() {
        return jobs.length;
    }

    /** Gives {@code j} back to the pool. */
    void free(Job j) {
        j.phase = Job.IDLE;
        free[freeCount++] = j.id;
    }

    private void grow() {
        int old = jobs.length;
        int c = Math.max(64, old * 2);
        jobs = Arrays.copyOf(jobs, c);
        free = Arrays.copyOf(free, c);
        for (int i = c - 1; i >= old; i--) {
            jobs[i] = new Job(i, tables, slots);
            free[freeCount++] = i;
        }
    }
}
