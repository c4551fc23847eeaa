package dev.mastersim.model.topology;

import java.util.Arrays;

/**
 * One request in flight, or one write-queue writer's batch transaction: a flat record of plain
 * fields, one per step of the life cycle, read and written by the component running that step.
 * Jobs are pooled ({@link Jobs}) and reused, and their arrays only grow, so a request costs no
 * allocation in steady state. {@link #owner} says whom its transaction runs for.
 */
final class Job {
    static final int IDLE = 0;
    static final int READ_CONNECT = 1;
    static final int READ_CPU = 2;
    static final int WRITE_CONNECT = 3;
    static final int TXN_CPU = 4;
    static final int LOCK_WAIT = 5;
    static final int LOCK_CPU = 6;
    static final int ROUNDTRIP = 7;
    static final int PREPARE = 8;
    static final int FLUSH = 9;
    static final int BACKOFF = 10;
    static final int THINK = 11;
    static final int BATCH_WAIT = 12;
    static final int APP_THREAD = 13;
    static final int APP_CPU = 14;
    static final int APP_CPU_AFTER = 15;

    /** {@link #killed}: not struck by a fault. */
    static final int ALIVE = 0;
    /** {@link #killed}: its database went down: the transaction aborts, even a flush in progress. */
    static final int KILLED_BY_DATABASE = 1;
    /** {@link #killed}: its app server restarted: the request fails, a commit already flushing still commits. */
    static final int KILLED_BY_SERVER = 2;

    final int id;
    /** Whom the transaction runs for: the request flow, or the write queue for a writer's batch. */
    TransactionDriver.Owner owner;

    int phase;
    int type;
    int server;
    double arrival;
    int readsLeft;
    boolean writeDone;
    int readDb;
    /** Whether the request holds a worker thread of its application server. */
    boolean holdsThread;

    // the transaction: its lock requests in order, fixed for every retry
    long[] granule = new long[8];
    int[] mode = new int[8];
    int[] shardOf = new int[8];
    int[] tableOf = new int[8];
    int locks;
    int lockIndex;
    int[] participants = new int[4];
    int participantCount;
    int connected;
    int pendingFlushes;
    int attempts;
    double attemptStart;
    double waitStart;
    double lockWaitTotal;
    int waitGeneration;
    boolean waitedThisAttempt;
    boolean roundtripPerLock;
    double batchCpu;
    double batchApply;
    int batchMembers;
    /** Locks held on each table. */
    int[] heldOnTable;
    /** With shards, locks held on each shard's table (see {@link LockStats}); empty unsharded. */
    int[] heldOnSlot;

    int waitingTable = -1;
    /** A fault struck it ({@link #ALIVE} otherwise): it ends at its next step, where each component looks. */
    int killed;
    /** Its request is failing because a pool's connection timeout ran out. */
    boolean timedOut;

    /** A job of an unsharded model (tests). */
    Job(int id, int tables) {
        this(id, tables, 0);
    }

    Job(int id, int tables, int slots) {
        this.id = id;
        this.heldOnTable = new int[tables];
        this.heldOnSlot = new int[slots];
    }

    void ensureLocks(int n) {
        if (n > granule.length) {
            int c = Math.max(n, granule.length * 2);
            granule = Arrays.copyOf(granule, c);
            mode = Arrays.copyOf(mode, c);
            shardOf = Arrays.copyOf(shardOf, c);
            tableOf = Arrays.copyOf(tableOf, c);
        }
    }

    void addParticipant(int shard) {
        for (int i = 0; i < participantCount; i++) {
            if (participants[i] == shard) {
                return;
            }
        }
        if (participantCount == participants.length) {
            participants = Arrays.copyOf(participants, participantCount * 2);
        }
        // keep participants sorted so connections are always taken in the same order
        int i = participantCount++;
        while (i > 0 && participants[i - 1] > shard) {
            participants[i] = participants[i - 1];
            i--;
        }
        participants[i] = shard;
    }

    void clearTransaction() {
        locks = 0;
        lockIndex = 0;
        participantCount = 0;
        connected = 0;
        pendingFlushes = 0;
        attempts = 0;
        lockWaitTotal = 0;
        waitedThisAttempt = false;
        batchCpu = 0;
        batchApply = 0;
        batchMembers = 0;
        waitingTable = -1;
    }
}
