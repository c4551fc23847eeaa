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
 * The lock figures of each table: attempts and how many waited, waits, deadlocks, timeouts,
 * conflicts and retries, and four time-weighted levels: locks held, locks held by transactions that
 * are waiting, transactions active on the table (holding or waiting for one of its locks) and
 * transactions blocked on it. The transaction driver reports each step, naming the lock request it
 * is about; this class keeps the books and puts the {@code locks} section of the measurements.
 *
 * <p><b>Shards.</b> The books of {@code locks/<table>} cover the table on every shard, a transaction
 * counted once however many shards it touches. With shards, a second set of books is kept per slot,
 * one for each shard's lock table on each table (slot = shard × tables + table), put under {@code
 * locks/<table>/shard-<i>}: they, not the table's, carry the load index of {@code
 * shard-<i>.locks:<table>}, since a hot row lives on one shard and four shards each 20% blocked are
 * not one table 20% blocked. With one shard there are no slot books and nothing else is done.
 *
 * <p>A job's own locks per table ({@link Job#heldOnTable}) and per slot ({@link Job#heldOnSlot}) are
 * the levels' other half: a job entering or leaving a wait moves all it holds in or out of "held
 * while waiting".
 */
final class LockStats {
    private final String[] tableNames;
    private final String[] shardNames;
    private final int tables;
    private final Books byTable;
    private final Books bySlot; // null with one shard
    private final List<HotGranules> hot = new ArrayList<>(); // one per shard's lock table, in shard order
    private final double[][] hottest; // scratch for put(): [shard][table]
    private double shortestVictimWait = Double.POSITIVE_INFINITY; // for tests of the deadlock timeout

    /** The books of {@code tableNames} on the shards {@code shardNames} (one: unsharded). */
    LockStats(String[] tableNames, String[] shardNames) {
        this.tableNames = tableNames;
        this.shardNames = shardNames;
        this.tables = tableNames.length;
        byTable = new Books(tables);
        bySlot = shardNames.length > 1 ? new Books(tables * shardNames.length) : null;
        hottest = new double[shardNames.length][tables];
    }

    /** The length of a job's {@link Job#heldOnSlot}: tables × shards with shards, else 0. */
    int slots() {
        return bySlot == null ? 0 : tables * shardNames.length;
    }

    /** The slot of {@code j}'s lock request {@code i}: its shard's lock table on its table. */
    private int slot(Job j, int i) {
        return j.shardOf[i] * tables + j.tableOf[i];
    }

    /**
     * Follows the busy time of {@code lockTable}'s granules, for the hottest-granule figure: called
     * once per shard, in shard order.
     */
    void watch(LockManager lockTable, Simulation sim) {
        HotGranules h = new HotGranules(tables, sim);
        h.watch(lockTable);
        hot.add(h);
    }

    /** An attempt of {@code j} begins: one attempt on each table (and shard's table) it will lock. */
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
                byTable.attempts[t]++;
            }
        }
        if (bySlot == null) {
            return;
        }
        for (int i = 0; i < j.locks; i++) {
            int k = slot(j, i);
            boolean first = true;
            for (int p = 0; p < i; p++) {
                if (slot(j, p) == k) {
                    first = false;
                    break;
                }
            }
            if (first) {
                bySlot.attempts[k]++;
            }
        }
    }

    /** {@code j} starts waiting for its lock request {@code i} at {@code now}. */
    void waitStarted(Job j, int i, double now) {
        boolean firstWait = !j.waitedThisAttempt;
        j.waitedThisAttempt = true;
        byTable.waitStarted(j.heldOnTable, j.tableOf[i], firstWait, now);
        if (bySlot != null) {
            bySlot.waitStarted(j.heldOnSlot, slot(j, i), firstWait, now);
        }
    }

    /** {@code j}'s wait for its lock request {@code i}, begun {@code waited} seconds ago, ends at {@code now}. */
    void waitEnded(Job j, int i, double waited, double now) {
        byTable.waitEnded(j.heldOnTable, j.tableOf[i], waited, now);
        if (bySlot != null) {
            bySlot.waitEnded(j.heldOnSlot, slot(j, i), waited, now);
        }
    }

    /** {@code j} was granted its lock request {@code i} at {@code now}. */
    void lockHeld(Job j, int i, double now) {
        byTable.lockHeld(j.heldOnTable, j.tableOf[i], now);
        if (bySlot != null) {
            bySlot.lockHeld(j.heldOnSlot, slot(j, i), now);
        }
    }

    /** {@code j} releases every lock it holds at {@code now}. */
    void released(Job j, double now) {
        byTable.released(j.heldOnTable, now);
        if (bySlot != null) {
            bySlot.released(j.heldOnSlot, now);
        }
    }

    /**
     * {@code j}'s lock request {@code i} closed a deadlock cycle; its victim had waited {@code waited}
     * seconds (0: found as the wait began).
     */
    void deadlock(Job j, int i, double waited) {
        byTable.deadlocks[j.tableOf[i]]++;
        if (bySlot != null) {
            bySlot.deadlocks[slot(j, i)]++;
        }
        shortestVictimWait = Math.min(shortestVictimWait, waited);
    }

    /** The shortest wait of a deadlock's victim since the reset (infinite when none). */
    double shortestVictimWait() {
        return shortestVictimWait;
    }

    /** {@code j}'s wait for its lock request {@code i} timed out. */
    void timeout(Job j, int i) {
        byTable.timeouts[j.tableOf[i]]++;
        if (bySlot != null) {
            bySlot.timeouts[slot(j, i)]++;
        }
    }

    /** {@code j}'s lock request {@code i} conflicted (refused at once, or failed validation). */
    void conflict(Job j, int i) {
        byTable.conflicts[j.tableOf[i]]++;
        if (bySlot != null) {
            bySlot.conflicts[slot(j, i)]++;
        }
    }

    /** {@code j} retries after aborting on its lock request {@code i}. */
    void retry(Job j, int i) {
        byTable.retries[j.tableOf[i]]++;
        if (bySlot != null) {
            bySlot.retries[slot(j, i)]++;
        }
    }

    void reset(double now) {
        shortestVictimWait = Double.POSITIVE_INFINITY;
        byTable.reset(now);
        if (bySlot != null) {
            bySlot.reset(now);
        }
        for (HotGranules h : hot) {
            h.reset(now);
        }
    }

    /**
     * The {@code locks} section over {@code span} seconds ending {@code now}: each table (its most-held
     * granule the most-held on any shard), then, with shards, each shard's figures of it.
     */
    void put(Measurements m, double span, double now) {
        double hotSpan = span;
        for (int s = 0; s < hot.size(); s++) {
            Arrays.fill(hottest[s], 0);
            HotGranules h = hot.get(s);
            h.hottest(now, hottest[s]);
            hotSpan = now - h.since();
        }
        for (int t = 0; t < tables; t++) {
            double hotBusy = 0;
            for (double[] shard : hottest) {
                hotBusy = Math.max(hotBusy, shard[t]);
            }
            byTable.put(
                    m,
                    LockFigures.TABLE,
                    t,
                    span,
                    now,
                    hotSpan > 0 ? Math.min(1, hotBusy / hotSpan) : 0,
                    tableNames[t]);
            if (bySlot != null) {
                for (int s = 0; s < shardNames.length; s++) {
                    double busy = hotSpan > 0 ? Math.min(1, hottest[s][t] / hotSpan) : 0;
                    bySlot.put(m, LockFigures.SHARD, s * tables + t, span, now, busy, tableNames[t], shardNames[s]);
                }
            }
        }
    }

    /** One set of books, indexed by table or by slot, and the job's held counts it pairs with. */
    private static final class Books {
        final long[] attempts;
        final long[] attemptsWaited;
        final Tally[] wait;
        final long[] deadlocks;
        final long[] timeouts;
        final long[] conflicts;
        final long[] retries;
        final TimeWeighted[] held;
        final TimeWeighted[] heldWaiting; // locks held by transactions that are waiting
        final TimeWeighted[] active;
        final TimeWeighted[] blocked;

        Books(int n) {
            attempts = new long[n];
            attemptsWaited = new long[n];
            wait = new Tally[n];
            deadlocks = new long[n];
            timeouts = new long[n];
            conflicts = new long[n];
            retries = new long[n];
            held = new TimeWeighted[n];
            heldWaiting = new TimeWeighted[n];
            active = new TimeWeighted[n];
            blocked = new TimeWeighted[n];
            for (int t = 0; t < n; t++) {
                wait[t] = new Tally();
                held[t] = new TimeWeighted();
                heldWaiting[t] = new TimeWeighted();
                active[t] = new TimeWeighted();
                blocked[t] = new TimeWeighted();
            }
        }

        /** A job holding {@code mine} starts waiting on {@code t}; {@code firstWait}: its attempt's first. */
        void waitStarted(int[] mine, int t, boolean firstWait, double now) {
            if (firstWait) {
                attemptsWaited[t]++;
            }
            if (mine[t] == 0) {
                active[t].add(now, 1);
            }
            blocked[t].add(now, 1);
            for (int u = 0; u < mine.length; u++) {
                if (mine[u] > 0) {
                    heldWaiting[u].add(now, mine[u]);
                }
            }
        }

        void waitEnded(int[] mine, int t, double waited, double now) {
            wait[t].add(waited);
            blocked[t].add(now, -1);
            if (mine[t] == 0) {
                active[t].add(now, -1);
            }
            for (int u = 0; u < mine.length; u++) {
                if (mine[u] > 0) {
                    heldWaiting[u].add(now, -mine[u]);
                }
            }
        }

        void lockHeld(int[] mine, int t, double now) {
            if (mine[t] == 0) {
                active[t].add(now, 1);
            }
            mine[t]++;
            held[t].add(now, 1);
        }

        void released(int[] mine, double now) {
            for (int t = 0; t < mine.length; t++) {
                int h = mine[t];
                if (h > 0) {
                    held[t].add(now, -h);
                    active[t].add(now, -1);
                    mine[t] = 0;
                }
            }
        }

        void reset(double now) {
            Arrays.fill(attempts, 0);
            Arrays.fill(attemptsWaited, 0);
            Arrays.fill(deadlocks, 0);
            Arrays.fill(timeouts, 0);
            Arrays.fill(conflicts, 0);
            Arrays.fill(retries, 0);
            for (int t = 0; t < wait.length; t++) {
                wait[t].reset();
                held[t].reset(now);
                heldWaiting[t].reset(now);
                active[t].reset(now);
                blocked[t].reset(now);
            }
        }

        /** Entry {@code t}'s figures as {@code f} names them, for {@code names}; {@code hotBusy} already a share. */
        void put(Measurements m, LockFigures f, int t, double span, double now, double hotBusy, String... names) {
            double act = active[t].mean(now);
            double h = held[t].mean(now);
            double running = h - heldWaiting[t].mean(now);
            m.put(f.waitProbability(), Figures.ratio(attemptsWaited[t], attempts[t]), attempts[t], names);
            m.put(f.waitMs(), wait[t].mean() * 1e3, wait[t].count(), names);
            m.put(f.deadlocks(), deadlocks[t] / span, names);
            m.put(f.timeouts(), timeouts[t] / span, names);
            m.put(f.retries(), retries[t] / span, names);
            m.put(f.held(), h, names);
            m.put(f.active(), act, names);
            // the ratios of two levels weigh the denominator's time integral
            m.put(f.blockedFraction(), act > 0 ? blocked[t].mean(now) / act : 0, act * span, names);
            m.put(f.conflictRatio(), running > 0 ? h / running : 1, running * span, names);
            m.put(f.conflicts(), conflicts[t] / span, names);
            m.put(f.hotGranuleBusy(), hotBusy, names);
        }
    }
}
