package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.lock.LockManager;
import dev.mastersim.model.lock.WakeupCost;
import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.Concurrency;

/**
 * How the master keeps concurrent transactions apart (the scenario's {@code concurrency}): chosen once
 * per model by {@link #of}. The transaction driver asks it for each lock request in turn, validates
 * at commit, and lets it release at commit or abort.
 *
 * <ul>
 *   <li>{@link Locking}: strict two-phase locking on one {@link LockManager} per shard; a conflict waits
 *       (FIFO, deadlock detection as the wait begins or, with a deadlock timeout, once it has lasted
 *       that long), or with no-wait aborts at once.
 *   <li>{@link Optimistic}: no locks; at commit, backward validation against its {@link WriteLog}.
 * </ul>
 */
interface ConcurrencyControl {
    /** The driver's event that a waiting lock request was granted (argument: the job id). */
    int LOCK_GRANTED = 1;

    /**
     * Lock request {@code i} of {@code j}: {@link LockManager#GRANTED}, {@link LockManager#WAITING} (the
     * driver hears {@link #LOCK_GRANTED} later), {@link LockManager#DEADLOCK} or {@link LockManager#CONFLICT}.
     */
    int acquire(Job j, int i);

    /** Whether {@code j}, waiting for its lock request {@code i}, is on a cycle of waits (the search a deadlock timeout defers). */
    boolean deadlocked(Job j, int i);

    /** Whether granted requests hold locks (and count in the tables' held and active levels). */
    boolean holdsLocks();

    /** At commit: the lock request of {@code j} whose granule another wrote since its attempt began, or -1. */
    int conflictingLock(Job j);

    /** {@code j} committed at {@code now} (its locks are released next). */
    void committed(Job j, double now);

    /** Commit or abort: drops every lock of {@code j} on each of its participant shards. */
    void releaseAll(Job j);

    /** Master CPU seconds {@code j}, just granted a lock it waited for, owes the release that woke it; cleared. */
    default double wakeupWork(Job j) {
        return 0;
    }

    /**
     * The control the scenario names, over {@code shards} shards; grants are scheduled on {@code driver}.
     * With {@code deferSearch}, a lock wait is not searched for a deadlock as it begins: the driver asks
     * {@link #deadlocked} after the deadlock timeout.
     */
    static ConcurrencyControl of(
            Concurrency c, int shards, boolean deferSearch, Simulation sim, EventHandler driver, LockStats stats) {
        return of(c, shards, deferSearch, new WakeupCost(0), null, sim, driver, stats);
    }

    /**
     * Likewise, with {@code wakeup} charging each lock release for the waiters it scans and wakes; the
     * woken waiters' own work runs on the shards' {@code masterCpu}.
     */
    static ConcurrencyControl of(
            Concurrency c,
            int shards,
            boolean deferSearch,
            WakeupCost wakeup,
            Station[] masterCpu,
            Simulation sim,
            EventHandler driver,
            LockStats stats) {
        return switch (c) {
            case LOCKING -> new Locking(false, deferSearch, shards, wakeup, masterCpu, sim, driver, stats);
            case NO_WAIT -> new Locking(true, false, shards, wakeup, masterCpu, sim, driver, stats);
            case OPTIMISTIC -> new Optimistic();
        };
    }

    /** Strict two-phase locking, one lock table per shard; {@code noWait} aborts a conflict instead of queueing it. */
    final class Locking implements ConcurrencyControl, EventHandler {
        private static final int REFETCH = 1;

        private final boolean noWait;
        private final boolean deferSearch;
        private final LockManager[] tables;
        private final WakeupCost wakeup;
        private final Station[] masterCpu;
        private final Simulation sim;

        Locking(
                boolean noWait,
                boolean deferSearch,
                int shards,
                WakeupCost wakeup,
                Station[] masterCpu,
                Simulation sim,
                EventHandler driver,
                LockStats stats) {
            this.noWait = noWait;
            this.deferSearch = deferSearch;
            this.wakeup = wakeup;
            this.masterCpu = masterCpu;
            this.sim = sim;
            this.tables = new LockManager[shards];
            for (int s = 0; s < shards; s++) {
                // a grant continues its transaction in a zero-delay event, never inside releaseAll
                tables[s] = new LockManager(1024, 64, txn -> {
                    wakeup.granted(txn);
                    sim.schedule(0, driver, LOCK_GRANTED, txn);
                });
                stats.watch(tables[s], sim);
            }
        }

        @Override
        public int acquire(Job j, int i) {
            LockManager lm = tables[j.shardOf[i]];
            if (noWait) {
                return lm.acquireNoWait(j.id, j.granule[i], j.mode[i]);
            }
            return deferSearch
                    ? lm.acquireUnsearched(j.id, j.granule[i], j.mode[i])
                    : lm.acquire(j.id, j.granule[i], j.mode[i]);
        }

        @Override
        public boolean deadlocked(Job j, int i) {
            return tables[j.shardOf[i]].deadlocked(j.id);
        }

        @Override
        public boolean holdsLocks() {
            return true;
        }

        @Override
        public int conflictingLock(Job j) {
            return -1;
        }

        @Override
        public void committed(Job j, double now) {}

        @Override
        public void releaseAll(Job j) {
            if (wakeup.enabled()) {
                releaseWaking(j);
                return;
            }
            for (int p = 0; p < j.participantCount; p++) {
                tables[j.participants[p]].releaseAll(j.id);
            }
        }

        /**
         * The release with {@code master.wakeup_cost} or {@code master.refetch_cost}: each shard's scan of
         * the waiters on what {@code j} held, and the work of those it woke.
         */
        private void releaseWaking(Job j) {
            wakeup.releasing(j.id);
            for (int p = 0; p < j.participantCount; p++) {
                int shard = j.participants[p];
                LockManager lm = tables[shard];
                // the granted requests: 0 .. lockIndex - 1; each granule once
                for (int i = 0; i < j.lockIndex; i++) {
                    if (j.shardOf[i] == shard && firstOf(j, i)) {
                        wakeup.scan(lm, j.granule[i]);
                    }
                }
                lm.releaseAll(j.id);
                // the waiters woken and still blocked re-fetch on the shard's cores, each on its own; the
                // release walks its queue from the head, so their work arrives after that of those it
                // granted (whose grants are zero-delay events already scheduled)
                int blocked = wakeup.released();
                if (blocked > 0) {
                    sim.schedule(0, this, REFETCH, ((long) blocked << 32) | shard);
                }
            }
        }

        /** The re-fetches of a release's woken waiters still blocked arrive on their shard's master CPU. */
        @Override
        public void handle(int type, long arg) {
            Station cpu = masterCpu[(int) arg];
            for (int w = (int) (arg >>> 32); w > 0; w--) {
                cpu.work(wakeup.refetch());
            }
        }

        /** Whether lock request {@code i} of {@code j} is the first on its granule and shard. */
        private static boolean firstOf(Job j, int i) {
            for (int e = 0; e < i; e++) {
                if (j.granule[e] == j.granule[i] && j.shardOf[e] == j.shardOf[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public double wakeupWork(Job j) {
            return wakeup.take(j.id);
        }
    }

    /** Optimistic concurrency: nothing is locked; a transaction validates its granules at commit. */
    final class Optimistic implements ConcurrencyControl {
        private final WriteLog log = new WriteLog();

        @Override
        public int acquire(Job j, int i) {
            return LockManager.GRANTED;
        }

        @Override
        public boolean deadlocked(Job j, int i) {
            return false;
        }

        @Override
        public boolean holdsLocks() {
            return false;
        }

        @Override
        public int conflictingLock(Job j) {
            return log.firstConflict(j, j.attemptStart);
        }

        @Override
        public void committed(Job j, double now) {
            log.recordWrites(j, now);
        }

        @Override
        public void releaseAll(Job j) {}
    }
}
