package dev.mastersim.model.lock;

import java.util.Arrays;

/**
 * The work of waking waiters when a transaction releases its locks ({@code master.wakeup_cost}), a
 * mechanism apart from the {@link LockManager}'s grant rule, which hands a released lock over at no cost.
 *
 * <h2>What is modelled</h2>
 *
 * A release walks the wait queue of each granule it frees to find whom it may wake: PostgreSQL's lock
 * manager does this in {@code ProcLockWakeup} ({@code src/backend/storage/lmgr/proc.c}: "Scan all waiters
 * for lock, waken any that are no longer blocked"), under the lock partition's lock, for every waiter
 * queued whether or not it is woken. The waiter granted can run only once that scan is done. So each
 * release costs {@code wakeup_cost} of master CPU per request waiting on the granules it held, counted
 * as the release begins, and that work is charged to the first transaction the release grants: it runs on
 * the master CPU (queueing there like any work) before that transaction's own {@code cpu_per_lock}, while
 * it already holds the lock. A lock with {@code W} waiters is thus handed over {@code W x wakeup_cost}
 * later than without the mechanism: on one hot row with {@code N} clients and nothing else between
 * requests, {@code W = N - 1} at every release, and the row's throughput is
 * {@code 1 / (hold + (N - 1) x wakeup_cost)}, which falls as clients are added, as a real hot row's does
 * past its peak. With few waiters the cost vanishes, so it never changes an uncontended workload.
 *
 * <h2>What is left out</h2>
 *
 * A release that grants nobody (its waiters still blocked by other holders) is not charged: its scan
 * delays no one in particular. When one release grants several transactions (shared waiters, or locks on
 * several granules), the first granted carries all of its work. The scan's cost per waiter is a
 * parameter to measure (a micro-benchmark of the lock manager, or a profile of the release under
 * contention), never a number fitted to make a curve fall.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>PostgreSQL, {@code src/backend/storage/lmgr/README} and {@code proc.c}: {@code LockRelease} calls
 *       {@code ProcLockWakeup}, which walks the lock's whole wait queue while holding the partition lock.
 *   <li>R. Johnson, I. Pandis, A. Ailamaki, <i>Improving OLTP Scalability using Speculative Lock
 *       Inheritance</i>, PVLDB 2(1), 2009: under contention the lock manager's own work on a hot lock's
 *       request list, serialised by its latch, grows with the number of requests and limits throughput.
 * </ul>
 *
 * <h2>Each woken waiter's own work ({@code master.refetch_cost})</h2>
 *
 * In PostgreSQL the release wakes the waiters themselves, and each woken one does work of its own: it
 * re-fetches the row's newest version and re-checks it (READ COMMITTED, documentation 13.2.1) before it
 * updates or queues again ({@code src/backend/access/heap/README.tuplock}). With {@code refetch_cost}
 * {@code r}, every request waiting on a released granule is woken: each one the release grants does
 * {@code r} of master CPU before its lock's own CPU (on its path, as the scan's work is), and each one
 * still blocked does {@code r} as work of its own on the master CPU ({@code Station#work}), beside the
 * jobs, and stays in its place in the queue. That work queues for the cores like any other, so how much
 * of it delays the next holder comes out of the cores' contention, not out of a parameter; a release of
 * {@code W} waiters costs {@code W x r} of CPU in all, which is what a measurement of the database's CPU
 * per transaction against the waiters gives ({@code calibrate}'s {@code db_cpu_per_txn_us}: its slope per
 * waiter). Off by default.
 *
 * Nothing is allocated per release: the charges live in an array indexed by transaction id, grown by
 * doubling. Not thread-safe: one simulation, one thread.
 */
public final class WakeupCost {
    private final double perWaiter;
    private final double refetch;
    private double pending; // the work of the release in progress, not yet charged to anyone
    private int woken; // the waiters the release in progress woke and has not granted
    private double[] charge = new double[64]; // by transaction id: work to do before its next lock's CPU

    /** {@code perWaiter} seconds of master CPU per request waiting on a released granule; 0 turns it off. */
    public WakeupCost(double perWaiter) {
        this(perWaiter, 0);
    }

    /**
     * {@code perWaiter} seconds of master CPU per request waiting on a released granule, charged to the
     * first granted, and {@code refetch} seconds of each woken waiter's own work; 0 turns either off.
     */
    public WakeupCost(double perWaiter, double refetch) {
        if (!(perWaiter >= 0) || Double.isInfinite(perWaiter)) {
            throw new IllegalArgumentException("wakeup cost " + perWaiter);
        }
        if (!(refetch >= 0) || Double.isInfinite(refetch)) {
            throw new IllegalArgumentException("refetch cost " + refetch);
        }
        this.perWaiter = perWaiter;
        this.refetch = refetch;
    }

    /** Whether releases cost anything. */
    public boolean enabled() {
        return perWaiter > 0 || refetch > 0;
    }

    /** Seconds of master CPU each woken waiter spends on its own (0: none). */
    public double refetch() {
        return refetch;
    }

    /** A release of {@code txn} begins: any charge it still carried (granted, then aborted) is void. */
    public void releasing(int txn) {
        if (txn >= 0 && txn < charge.length) {
            charge[txn] = 0;
        }
        pending = 0;
        woken = 0;
    }

    /** The release frees {@code granule} of {@code locks}: its waiters are scanned. Call before the release. */
    public void scan(LockManager locks, long granule) {
        int waiters = locks.waiters(granule);
        pending += perWaiter * waiters;
        woken += waiters;
    }

    /**
     * The release granted {@code txn} (from the lock manager's listener): the first granted carries the
     * scan's work, and each granted one its own re-fetch.
     */
    public void granted(int txn) {
        double work = pending + (woken > 0 ? refetch : 0);
        if (work > 0) {
            if (txn >= charge.length) {
                charge = Arrays.copyOf(charge, Math.max(txn + 1, charge.length * 2));
            }
            charge[txn] += work;
            pending = 0;
        }
        if (woken > 0) {
            woken--;
        }
    }

    /**
     * The release is over: the work of one that granted nobody is dropped. Returns how many of the
     * waiters it woke it did not grant: each does {@link #refetch} of work of its own (0 when that is off).
     */
    public int released() {
        pending = 0;
        int blocked = refetch > 0 ? woken : 0;
        woken = 0;
        return blocked;
    }

    /** The work {@code txn} must do before its lock's own CPU, in seconds; cleared. */
    public double take(int txn) {
        if (txn < 0 || txn >= charge.length) {
            return 0;
        }
        double c = charge[txn];
        charge[txn] = 0;
        return c;
    }
}
