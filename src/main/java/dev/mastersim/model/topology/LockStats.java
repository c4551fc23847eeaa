package dev.mastersim.model.topology;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.lock.LockManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lock figures of each table, over every shard: attempts and how many waited, waits, deadlocks,
 * timeouts, conflicts and retries, and four time-weighted levels: locks held, locks held by
 * transactions that are waiting, transactions active on the table (holding or waiting for one of its
 * locks) and transactions blocked on it. The transaction driver reports each step; this class keeps
 * the books and puts the {@code locks} section of the measurements.
 *
 * <p>A job's own locks per table ({@link Job#heldOnTable}) are the levels' other half: a job entering
 * or leaving a wait moves all it holds in or out of "held while waiting".
 */
final class LockStats {
    private final String[] tableNames;
    private final long[] attempts;
    private final long[] attemptsWaited;
    private final Tally[] wait;
    private final long[] deadlocks;
    private final long[] timeouts;
    private final long[] conflicts;
    private final long[] retries;
    private final TimeWeighted[] held;
    private final TimeWeighted[] heldWaiting; // locks held by transactions that are waiting
    private final TimeWeighted[] active;
    private final TimeWeighted[] blocked;
    private final List<HotGranules> hot = new ArrayList<>(); // one per shard's lock table
    private final double[] hottest; // scratch for put()
    private double shortestVictimWait = Double.POSITIVE_INFINITY; // for tests of the deadlock timeout

    LockStats(String[] tableNames) {
        this.tableNames = tableNames;
        int tables = tableNames.length;
        attempts = new long[tables];
        attemptsWaited = new long[tables];
        wait = new Tally[tables];
        deadlocks = new long[tables];
        timeouts = new long[tables];
        conflicts = new long[tables];
        retries = new long[tables];
        held = new TimeWeighted[tables];
        heldWaiting = new TimeWeighted[tables];
        active = new TimeWeighted[tables];
        blocked = new TimeWeighted[tables];
        hottest = new double[tables];
        for (int t = 0; t < tables; t++) {
            wait[t] = new Tally();
            held[t] = new TimeWeighted();
            heldWaiting[t] = new TimeWeighted();
            active[t] = new TimeWeighted();
            blocked[t] = new TimeWeighted();
        }
    }

    /** Follows the busy time of {@code lockTable}'s granules (one shard's), for the hottest-granule figure. */
    void watch(LockManager lockTable, Simulation sim) {
        HotGranules h = new HotGranules(tableNames.length, sim);
        h.watch(lockTable);
        hot.add(h);
    }

    /** An attempt of {@code j} begins: one attempt on each table it will lock. */
    void attemptStarted(Job j) {
        for (int i = 0; i < j.locks; i++) {
            int t = j.tableOf[i];
            boolean first = true;
            for (int p = 0; p < i; p++) {
                if (j.tableOf[p] == t) {
                    first = false;
                    break;
                }
            }
            if (first) {
                attempts[t]++;
            }
        }
    }

    /** {@code j} starts waiting for a lock on {@code table} at {@code now}. */
    void waitStarted(Job j, int table, double now) {
        if (!j.waitedThisAttempt) {
            j.waitedThisAttempt = true;
            attemptsWaited[table]++;
        }
        if (j.heldOnTable[table] == 0) {
            active[table].add(now, 1);
        }
        blocked[table].add(now, 1);
        for (int t = 0; t < j.heldOnTable.length; t++) {
            if (j.heldOnTable[t] > 0) {
                heldWaiting[t].add(now, j.heldOnTable[t]);
            }
        }
    }

    /** {@code j}'s wait on {@code table}, begun {@code waited} seconds ago, ends at {@code now}. */
    void waitEnded(Job j, int table, double waited, double now) {
        wait[table].add(waited);
        blocked[table].add(now, -1);
        if (j.heldOnTable[table] == 0) {
            active[table].add(now, -1);
        }
        for (int t = 0; t < j.heldOnTable.length; t++) {
            if (j.heldOnTable[t] > 0) {
                heldWaiting[t].add(now, -j.heldOnTable[t]);
            }
        }
    }

    /** {@code j} was granted a lock on table {@code t} at {@code now}. */
    void lockHeld(Job j, int t, double now) {
        if (j.heldOnTable[t] == 0) {
            active[t].add(now, 1);
        }
        j.heldOnTable[t]++;
        held[t].add(now, 1);
    }

    /** {@code j} releases every lock it holds at {@code now}. */
    void released(Job j, double now) {
        for (int t = 0; t < j.heldOnTable.length; t++) {
            int h = j.heldOnTable[t];
            if (h > 0) {
                held[t].add(now, -h);
                active[t].add(now, -1);
                j.heldOnTable[t] = 0;
            }
        }
    }

    /** A deadlock on {@code table}; its victim had waited {@code waited} seconds (0: found as the wait began). */
    void deadlock(int table, double waited) {
        deadlocks[table]++;
        shortestVictimWait = Math.min(shortestVictimWait, waited);
    }

    /** The shortest wait of a deadlock's victim since the reset (infinite when none). */
    double shortestVictimWait() {
        return shortestVictimWait;
    }

    void timeout(int table) {
        timeouts[table]++;
    }

    void conflict(int table) {
        conflicts[table]++;
    }

    void retry(int table) {
        retries[table]++;
    }

    void reset(double now) {
        Arrays.fill(attempts, 0);
        Arrays.fill(attemptsWaited, 0);
        Arrays.fill(deadlocks, 0);
        Arrays.fill(timeouts, 0);
        Arrays.fill(conflicts, 0);
        Arrays.fill(retries, 0);
        shortestVictimWait = Double.POSITIVE_INFINITY;
        for (int t = 0; t < tableNames.length; t++) {
            wait[t].reset();
            held[t].reset(now);
            heldWaiting[t].reset(now);
            active[t].reset(now);
            blocked[t].reset(now);
        }
        for (HotGranules h : hot) {
            h.reset(now);
        }
    }

    /** The {@code locks} section over {@code span} seconds ending {@code now}. */
    void put(Measurements m, double span, double now) {
        Arrays.fill(hottest, 0);
        double hotSpan = span;
        for (HotGranules h : hot) {
            h.hottest(now, hottest);
            hotSpan = now - h.since();
        }
        for (int t = 0; t < tableNames.length; t++) {
            String name = tableNames[t];
            double act = active[t].mean(now);
            double h = held[t].mean(now);
            double running = h - heldWaiting[t].mean(now);
            m.put(Metrics.LOCK_WAIT_PROBABILITY, Figures.ratio(attemptsWaited[t], attempts[t]), attempts[t], name);
            m.put(Metrics.LOCK_WAIT, wait[t].mean() * 1e3, wait[t].count(), name);
            m.put(Metrics.LOCK_DEADLOCKS, deadlocks[t] / span, name);
            m.put(Metrics.LOCK_TIMEOUTS, timeouts[t] / span, name);
            m.put(Metrics.LOCK_RETRIES, retries[t] / span, name);
            m.put(Metrics.LOCKS_HELD, h, name);
            m.put(Metrics.LOCK_ACTIVE, act, name);
            // the ratios of two levels weigh the denominator's time integral
            m.put(Metrics.LOCK_BLOCKED_FRACTION, act > 0 ? blocked[t].mean(now) / act : 0, act * span, name);
            m.put(Metrics.LOCK_CONFLICT_RATIO, running > 0 ? h / running : 1, running * span, name);
            m.put(Metrics.LOCK_CONFLICTS, conflicts[t] / span, name);
            m.put(Metrics.LOCK_HOT_GRANULE_BUSY, hotSpan > 0 ? Math.min(1, hottest[t] / hotSpan) : 0, name);
        }
    }
}
