package dev.mastersim.model.lock;

import java.util.Arrays;

/**
 * The write master's lock table under strict two-phase locking: one FIFO queue per granule, shared and
 * exclusive modes, S&rarr;X upgrades, and deadlock detection at the moment a request would wait.
 *
 * <h2>What is modelled</h2>
 *
 * A transaction (a small non-negative {@code int} chosen by the caller, reused after {@link #releaseAll})
 * asks for locks one at a time on granules (a {@code long}: a row, page or table number of one table's
 * granule space, mapped by the caller). Locks are held until commit or abort, when {@link #releaseAll}
 * drops them all at once: that is strict 2PL as the master runs it. The table is a passive data structure
 * driven by the simulation: it has no clock and schedules nothing. A request that must wait returns
 * {@link #WAITING}; when a later {@link #releaseAll} grants it, the {@link Listener} hears the transaction's
 * id and the simulation continues that transaction at the current simulated time. Lock-wait timeouts
 * are the caller's: it schedules them and aborts with {@link #releaseAll}.
 *
 * <h2>Grant rule</h2>
 *
 * <ul>
 *   <li>Two requests are compatible iff both are {@link #SHARED}.
 *   <li>A new request is granted at once iff it is compatible with every holder and nothing waits on the
 *       granule. So a shared request behind a waiting exclusive one waits (FIFO, no barging): writers are
 *       not starved by a stream of readers.
 *   <li>A transaction that already holds the granule in the same or a stronger mode is granted at once
 *       (re-entrant), without a second record.
 *   <li>An S&rarr;X upgrade is granted at once if the transaction is the sole holder; otherwise it waits
 *       <em>ahead</em> of every queued request (upgrade priority), since the upgrader already holds the
 *       granule and everybody queued is waiting for it anyway. Two upgraders on one granule wait for each
 *       other's shared lock: a deadlock, reported to the second one.
 *   <li>On release the grant loop runs on each granule the transaction touched: the upgrader first (only
 *       once sole holder), then from the head of the FIFO while the head is compatible with all holders
 *       &mdash; so several shared waiters are granted together. Granted transactions are reported to the
 *       listener in grant order: granules in the order the releasing transaction got them, the one it
 *       waited on last, and each granule's queue in FIFO order.
 * </ul>
 *
 * <h2>Deadlock</h2>
 *
 * The waits-for graph has an edge from each waiting transaction to each of its blockers: the holders
 * whose mode is incompatible with what it wants, and the incompatible requests ahead of it in the queue
 * (the upgrader counts as ahead of every queued request). Each transaction waits for at most one request
 * (the caller's contract, asserted), so the graph changes only when a request starts waiting, and only a
 * cycle through that request can be new. The request is therefore linked in, a depth-first search runs
 * from the requester over the blockers, and if it comes back to the requester the request is unlinked
 * again, leaving no trace, and {@link #DEADLOCK} is returned: the requester is the victim, and the caller
 * aborts it. Continuous detection on every wait keeps the graph acyclic at all times, so nothing ever
 * waits without a chain of blockers that ends in a running transaction.
 *
 * <p>The search itself, which goes from a waiter straight to the holders of its granule rather than
 * along its queue, so that its cost does not grow with the queues, is {@link DeadlockSearch}.
 *
 * <p>With {@link #acquireUnsearched} a wait is not searched when it begins; the caller asks {@link
 * #deadlocked} once the wait has lasted its deadlock timeout (PostgreSQL's {@code deadlock_timeout}) and
 * aborts the requester if it is on a cycle. Cycles then live until that search; every cycle is still
 * found, by the search of its member that waited last, if no other search broke it first.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Holders of a granule are pairwise compatible: at most one exclusive holder, and then no other
 *       (checked by an assertion at the end of every grant loop).
 *   <li>After every public call the first waiter of each granule is blocked: the upgrader by another
 *       holder, or else the FIFO head by an incompatible holder. Hence a granule with waiters has holders,
 *       and every live lock record has a holder.
 *   <li>A transaction has at most one waiting request; at most one upgrader waits per granule.
 *   <li>The census ({@link #totalHeld}, {@link #waitingTxns}, {@link #lockedGranules}, ...) returns to zero
 *       when every transaction has released. It is counted by walking the structure, for tests and
 *       assertions: the table keeps no level counters on its hot path, since the simulation keeps the
 *       time-weighted levels it reports (per table, over every shard) itself.
 * </ul>
 *
 * <h2>Why this structure</h2>
 *
 * The simulator calls this for every lock request of every transaction in every replication, so it is
 * written like a pool's hot path: nothing is allocated per request in steady state. Granules map to lock
 * records through an open-addressing table (linear probing, Fibonacci hashing, backward-shift deletion,
 * so no tombstones accumulate as granules come and go). Lock records, request nodes and transactions
 * each live in one {@code int} array, an entity's fields side by side in a fixed stride (one cache line
 * or less, and one array reference and range check on a hot path); records and nodes are pooled with
 * free lists. A record remembers its table slot, so freeing it needs no probe. A node is on its
 * granule's doubly linked holder or waiter list (O(1) unlink on abort) and on its transaction's singly
 * linked list of held locks (release walks it once).
 * The deadlock search ({@link DeadlockSearch}) uses a preallocated {@code int} stack and epoch-stamped visit marks on transactions
 * and records, so starting a search costs nothing. Arrays grow only by doubling when a capacity is exceeded, which is amortised and,
 * once the population of transactions and locks has been seen, never happens again.
 *
 * <h2>What is left out</h2>
 *
 * Intention locks and multiple granularity (IS/IX/SIX), lock escalation, update (U) mode and other
 * conversions than S&rarr;X, range and predicate locks (phantoms), latches, a bounded lock memory, victim
 * selection other than "the requester" (youngest, least work, wound-wait, wait-die), a bounded search
 * depth (InnoDB's), and distributed deadlocks across shards. Each is a real engine's concern; none
 * changes the first-order contention behaviour that mastersim forecasts.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>J. Gray, P. Homan, R. Obermarck, H. Korth, <i>A Straw Man Analysis of the Probability of Waiting
 *       and Deadlock in a Database System</i>, IBM Research Report RJ3066, 1981: wait probability grows
 *       with the square of the locks per transaction, deadlocks with the fourth power.
 *   <li>J. Gray, P. Helland, P. O'Neil, D. Shasha, <i>The Dangers of Replication and a Solution</i>,
 *       SIGMOD 1996: the same model applied to replicated masters.
 *   <li>Y. C. Tay, N. Goodman, R. Suri, <i>Locking Performance in Centralized Databases</i>, ACM TODS
 *       10(4), 1985: data-contention thrashing of blocking 2PL as k&sup2;N/D grows.
 *   <li>R. Agrawal, M. J. Carey, M. Livny, <i>Concurrency Control Performance Modeling: Alternatives and
 *       Implications</i>, ACM TODS 12(4), 1987: blocking versus restart under finite resources.
 * </ul>
 *
 * Not thread-safe: one simulation, one thread. The listener must not call back into this lock manager
 * (the simulation schedules an event instead).
 */
public final class LockManager {
    /** Lock modes: compatible iff both are {@code SHARED}; a larger mode is stronger. */
    public static final int SHARED = 0, EXCLUSIVE = 1;

    /** Outcomes of a request; {@code CONFLICT} is what {@link #acquireNoWait} returns instead of waiting. */
    public static final int GRANTED = 0, WAITING = 1, DEADLOCK = 2, CONFLICT = 3;

    /** Hears of waiting requests granted by a {@link #releaseAll}; must not call back into the manager. */
    public interface Listener {
        /** A waiting request of {@code txn} was just granted. */
        void granted(int txn);
    }

    /**
     * Tells the time and hears of busy granules, for time-weighted figures per granule: the table has
     * no clock of its own. A granule is busy from the request that creates its record (someone holds
     * it) to the release that frees it (nobody holds or waits for it).
     */
    public interface BusyWatcher {
        /** The current simulated time. */
        double now();

        /** {@code granule} became idle now; it had been busy since {@code since}. */
        void idle(long granule, double since);

        /** {@code granule} is busy now, since {@code since} (from {@link #forEachBusy}). */
        void busy(long granule, double since);
    }

    static final int NIL = -1;

    // node states
    static final int HELD = 0; // granted, on the granule's holder list
    static final int QUEUED = 1; // a new request, on the granule's FIFO
    static final int UPGRADING = 2; // held SHARED, waiting for EXCLUSIVE ahead of the FIFO

    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;

    /**
     * Table slots per record: the load stays at most 1/8, so probe runs are short and a probe's or a
     * backward shift's loop mostly ends at its first slot, a branch the CPU then predicts (12 bytes a slot).
     */
    private static final int TABLE_PER_RECORD = 8;

    private final Listener listener;
    private BusyWatcher busyClock;
    private double[] recSince; // when each live record's granule became busy (only when watched)

    // granule -> lock record: open addressing, linear probing, backward-shift deletion
    private long[] tableKeys;
    private int[] tableRecs;
    private int tableMask;
    private int tableShift;

    // Each pooled entity is one stride of a single int[] (its fields side by side, one cache line or
    // less), so a hot path loads one array reference and the JIT merges the range checks on a stride.
    // The arrays and their field offsets are package-private: DeadlockSearch reads them in place.

    // lock records, pooled: recKey beside, the rest in recs (free list through R_NEXT_FREE)
    static final int REC = 8;
    static final int R_HOLDERS = 0; // head of the doubly linked holder list
    static final int R_WAIT_HEAD = 1; // the FIFO of queued requests, doubly linked
    static final int R_WAIT_TAIL = 2;
    static final int R_SHARED = 3; // holders by mode: R_SHARED + mode is the mode's count
    static final int R_EXCLUSIVE = R_SHARED + EXCLUSIVE;
    static final int R_UPGRADER = 5; // the held node waiting to upgrade, or NIL
    static final int R_NEXT_FREE = 6;
    static final int R_SLOT = 7; // the table slot holding the record, kept when entries move
    private long[] recKey;
    int[] recs;
    private int recFree;

    // request nodes, pooled (free list through N_NEXT)
    static final int NODE = 8;
    static final int N_TXN = 0;
    static final int N_REC = 1;
    static final int N_MODE = 2;
    static final int N_STATE = 3;
    static final int N_PREV = 4;
    static final int N_NEXT = 5;
    static final int N_TXN_NEXT = 6;
    static final int N_SEQ = 7; // a queued node's place in queue order: later nodes have larger ones
    int[] nodes;
    private int nodeCapacity;
    private int nodeFree;

    // transactions, indexed by id
    static final int TXN = 4;
    static final int T_FIRST = 0; // held nodes in grant order
    static final int T_LAST = 1;
    static final int T_WAIT = 2; // the node waited on, or NIL
    static final int T_HELD = 3;
    int[] txns;
    private int txnCapacity;
    private int waitSeq; // the last N_SEQ given (compared by difference, so it may wrap)

    private final DeadlockSearch deadlocks = new DeadlockSearch(this);

    // scratch: release's affected granules and granted txns
    private int[] affected;
    private int[] grantedTxns;
    private int grants;
    private boolean notifying;

    /** A lock table sized for {@code initialTxns} transaction ids and {@code initialLocks} locked granules. */
    public LockManager(int initialTxns, int initialLocks, Listener listener) {
        if (initialTxns < 0 || initialLocks < 0) {
            throw new IllegalArgumentException("negative capacity");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        this.listener = listener;
        int recs = Integer.highestOneBit(Math.max(2, initialLocks) * 2 - 1);
        allocTransactions(Math.max(1, initialTxns));
        allocRecords(recs);
        allocNodes(recs);
        allocTable(recs * TABLE_PER_RECORD);
        affected = new int[16];
    }

    /** Reports every granule going idle to {@code clock}, which also stamps when it became busy. */
    public void trackBusy(BusyWatcher clock) {
        this.busyClock = clock;
        if (recSince == null) {
            recSince = new double[recKey.length];
        }
    }

    /** Tells the watcher of every granule busy now and since when (only when {@link #trackBusy} is on). */
    public void forEachBusy() {
        for (int i = 0; busyClock != null && i < tableRecs.length; i++) {
            if (tableRecs[i] != NIL) {
                busyClock.busy(tableKeys[i], recSince[tableRecs[i]]);
            }
        }
    }

    /** A strict 2PL request: {@link #GRANTED}, {@link #WAITING} (the listener hears of the grant) or {@link #DEADLOCK}. */
    public int acquire(int txn, long granule, int mode) {
        return acquire(txn, granule, mode, true);
    }

    /**
     * Like {@link #acquire}, but a wait is not searched for a deadlock: the caller asks {@link #deadlocked}
     * later (a deadlock timeout). Only a second upgrader on a granule, a cycle of two shared holders that
     * one queue cannot hold, is {@link #DEADLOCK} at once.
     */
    public int acquireUnsearched(int txn, long granule, int mode) {
        return acquire(txn, granule, mode, false);
    }

    /**
     * Whether the waiting {@code txn} is on a cycle of the waits-for graph (false if it does not wait);
     * the caller then aborts it, the victim, with {@link #releaseAll}.
     */
    public boolean deadlocked(int txn) {
        return isWaiting(txn) && deadlocks.closesCycle(txn);
    }

    private int acquire(int txn, long granule, int mode, boolean search) {
        check(txn, mode);
        int found = find(granule);
        if (found < 0) {
            // a granule nobody holds (the common case): nothing to re-enter, nothing to queue behind
            int rec = create(~found, granule);
            grantFirst(txn, rec, newNode(txn, rec, mode, HELD));
            return GRANTED;
        }
        int rec = found;
        if (recs[rec * REC + R_HOLDERS] == NIL && recs[rec * REC + R_WAIT_HEAD] == NIL) {
            grant(txn, rec, newNode(txn, rec, mode, HELD));
            return GRANTED;
        }
        int own = heldNode(txn, rec);
        if (grantNow(txn, rec, own, mode)) {
            return GRANTED;
        }
        return own == NIL ? waitQueued(txn, rec, mode, search) : waitUpgrade(txn, rec, own, search);
    }

    /** Like {@link #acquire} but never queues: {@link #GRANTED} or {@link #CONFLICT}. */
    public int acquireNoWait(int txn, long granule, int mode) {
        int rec = prepare(txn, granule, mode);
        return grantNow(txn, rec, heldNode(txn, rec), mode) ? GRANTED : CONFLICT;
    }

    /** Commit or abort: drops every lock and the waiting request of {@code txn}, then grants waiters FIFO. */
    public void releaseAll(int txn) {
        assert !notifying : "the listener called back into the lock manager";
        if (txn < 0 || txn >= txnCapacity) {
            return;
        }
        int count = drop(txn);
        // re-run the grant loop on each affected granule, freeing the empty ones
        grants = 0;
        for (int i = 0; i < count; i++) {
            grantLoop(affected[i]);
        }
        // tell the simulation, in grant order
        notifying = true;
        try {
            for (int i = 0; i < grants; i++) {
                listener.granted(grantedTxns[i]);
            }
        } finally {
            notifying = false;
        }
    }

    /**
     * The work of every deadlock search so far: transactions taken from the search's stack plus holders
     * looked at (its cost, counted rather than timed, for tests and benchmarks).
     */
    public long searchSteps() {
        return deadlocks.steps();
    }

    /** Whether {@code txn} has a request waiting. */
    public boolean isWaiting(int txn) {
        return txn >= 0 && txn < txnCapacity && txns[txn * TXN + T_WAIT] != NIL;
    }

    /** Number of granules {@code txn} holds (a granule counts once whatever the mode). */
    public int heldCount(int txn) {
        return txn >= 0 && txn < txnCapacity ? txns[txn * TXN + T_HELD] : 0;
    }

    /** Number of requests waiting for {@code granule}: its FIFO and an upgrader (a walk of the queue). */
    public int waiters(long granule) {
        int rec = find(granule);
        if (rec < 0) {
            return 0;
        }
        int n = recs[rec * REC + R_UPGRADER] == NIL ? 0 : 1;
        for (int w = recs[rec * REC + R_WAIT_HEAD]; w != NIL; w = nodes[w * NODE + N_NEXT]) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- census (a walk: for tests and assertions)

    /** Number of granules with at least one holder. */
    public int lockedGranules() {
        int n = 0;
        for (int rec : tableRecs) {
            n += rec == NIL ? 0 : 1;
        }
        return n;
    }

    /** Number of transactions with a waiting request. */
    public int waitingTxns() {
        int n = 0;
        for (int t = 0; t < txnCapacity; t++) {
            n += txns[t * TXN + T_WAIT] == NIL ? 0 : 1;
        }
        return n;
    }

    /** Number of granted locks over all transactions. */
    public int totalHeld() {
        int n = 0;
        for (int t = 0; t < txnCapacity; t++) {
            n += txns[t * TXN + T_HELD];
        }
        return n;
    }

    /** Number of transactions holding or waiting for a lock. */
    public int activeTxns() {
        int n = 0;
        for (int t = 0; t < txnCapacity; t++) {
            n += txns[t * TXN + T_HELD] > 0 || txns[t * TXN + T_WAIT] != NIL ? 1 : 0;
        }
        return n;
    }

    /** Number of granted locks held by transactions that are waiting (for the conflict ratio). */
    public int heldByWaiting() {
        int n = 0;
        for (int t = 0; t < txnCapacity; t++) {
            n += txns[t * TXN + T_WAIT] == NIL ? 0 : txns[t * TXN + T_HELD];
        }
        return n;
    }

    // ---------------------------------------------------------------- requests

    private int prepare(int txn, long granule, int mode) {
        check(txn, mode);
        return findOrCreate(granule);
    }

    /** Rejects a bad transaction or mode, and makes room for a new transaction id. */
    private void check(int txn, int mode) {
        // the rare cases (a new id past the arrays, a bad argument) leave the hot path
        if (txn >= txnCapacity || txn < 0 || (mode >>> 1) != 0) {
            checkSlow(txn, mode);
        }
        assert txns[txn * TXN + T_WAIT] == NIL : "txn " + txn + " requested a lock while waiting";
    }

    private void checkSlow(int txn, int mode) {
        if (txn < 0 || (mode != SHARED && mode != EXCLUSIVE)) {
            throw new IllegalArgumentException("txn " + txn + ", mode " + mode);
        }
        ensureTransaction(txn);
    }

    /** Grants at once if the rule allows: re-entrant, sole-holder upgrade, or compatible with nobody waiting. */
    private boolean grantNow(int txn, int rec, int own, int mode) {
        // already held: same or stronger mode, or an upgrade by the sole holder
        if (own != NIL) {
            return nodes[own * NODE + N_MODE] >= mode || upgradeInPlace(rec, own);
        }
        // new request: compatible with every holder and nothing waiting
        if (recs[rec * REC + R_WAIT_HEAD] != NIL || recs[rec * REC + R_UPGRADER] != NIL || !compatible(rec, mode)) {
            return false;
        }
        grant(txn, rec, newNode(txn, rec, mode, HELD));
        return true;
    }

    private boolean upgradeInPlace(int rec, int own) {
        if (recs[rec * REC + R_SHARED] + recs[rec * REC + R_EXCLUSIVE] != 1) {
            return false;
        }
        convert(rec, own);
        return true;
    }

    private int waitQueued(int txn, int rec, int mode, boolean search) {
        // link in at the tail, then look for a cycle through it
        int node = newNode(txn, rec, mode, QUEUED);
        appendWaiter(rec, node);
        startWaiting(txn, node);
        if (!search || !deadlocks.closesCycle(txn)) {
            return WAITING;
        }
        // deadlock: unlink again, leaving no trace
        stopWaiting(txn);
        unlinkWaiter(rec, node);
        freeNode(node);
        return DEADLOCK;
    }

    private int waitUpgrade(int txn, int rec, int own, boolean search) {
        // a second upgrader waits for the first one's shared lock, and the first for its: a cycle
        if (recs[rec * REC + R_UPGRADER] != NIL) {
            return DEADLOCK;
        }
        // link in ahead of the FIFO, then look for a cycle through it
        nodes[own * NODE + N_STATE] = UPGRADING;
        recs[rec * REC + R_UPGRADER] = own;
        startWaiting(txn, own);
        if (!search || !deadlocks.closesCycle(txn)) {
            return WAITING;
        }
        // deadlock: back to a plain shared holder
        stopWaiting(txn);
        nodes[own * NODE + N_STATE] = HELD;
        recs[rec * REC + R_UPGRADER] = NIL;
        return DEADLOCK;
    }

    /** The node by which {@code txn} holds {@code rec}, walking the shorter of the two lists, or NIL. */
    private int heldNode(int txn, int rec) {
        if (txns[txn * TXN + T_HELD] <= recs[rec * REC + R_SHARED] + recs[rec * REC + R_EXCLUSIVE]) {
            for (int n = txns[txn * TXN + T_FIRST]; n != NIL; n = nodes[n * NODE + N_TXN_NEXT]) {
                if (nodes[n * NODE + N_REC] == rec) {
                    return n;
                }
            }
            return NIL;
        }
        for (int n = recs[rec * REC + R_HOLDERS]; n != NIL; n = nodes[n * NODE + N_NEXT]) {
            if (nodes[n * NODE + N_TXN] == txn) {
                return n;
            }
        }
        return NIL;
    }

    private boolean compatible(int rec, int mode) {
        return mode == SHARED
                ? recs[rec * REC + R_EXCLUSIVE] == 0
                : recs[rec * REC + R_SHARED] + recs[rec * REC + R_EXCLUSIVE] == 0;
    }

    // ---------------------------------------------------------------- release and grant loop

    /** Unlinks everything of {@code txn}; returns how many granules are now in {@code affected}. */
    private int drop(int txn) {
        int wait = txns[txn * TXN + T_WAIT];
        boolean queued = wait != NIL && nodes[wait * NODE + N_STATE] == QUEUED;
        ensureAffected(txns[txn * TXN + T_HELD] + 1);
        int count = 0;
        // held locks, in grant order (an upgrader's node is among them)
        for (int n = txns[txn * TXN + T_FIRST], next; n != NIL; n = next) {
            next = nodes[n * NODE + N_TXN_NEXT];
            int rec = nodes[n * NODE + N_REC];
            if (nodes[n * NODE + N_STATE] == UPGRADING) {
                recs[rec * REC + R_UPGRADER] = NIL;
            }
            unlinkHolder(rec, n);
            freeNode(n);
            affected[count++] = rec;
        }
        // the queued request, last
        if (queued) {
            int rec = nodes[wait * NODE + N_REC];
            unlinkWaiter(rec, wait);
            freeNode(wait);
            affected[count++] = rec;
        }
        txns[txn * TXN + T_HELD] = 0;
        txns[txn * TXN + T_FIRST] = NIL;
        txns[txn * TXN + T_LAST] = NIL;
        txns[txn * TXN + T_WAIT] = NIL;
        return count;
    }

    /** Grants from the head while compatible, the upgrader first; frees the record if nothing is left. */
    private void grantLoop(int rec) {
        // nobody left and nobody waiting (the common case); an upgrader is a holder, so none either
        if (recs[rec * REC + R_HOLDERS] == NIL && recs[rec * REC + R_WAIT_HEAD] == NIL) {
            assert holdersCompatible(rec) : "holder counts left on empty granule " + recKey[rec];
            freeRecord(rec);
            return;
        }
        // the upgrader is ahead of the FIFO and granted only as the sole holder
        int u = recs[rec * REC + R_UPGRADER];
        if (u != NIL && recs[rec * REC + R_SHARED] + recs[rec * REC + R_EXCLUSIVE] == 1) {
            grantUpgrade(rec, u);
        }
        // then the FIFO, from the head, while compatible with every holder
        if (recs[rec * REC + R_UPGRADER] == NIL) {
            while (recs[rec * REC + R_WAIT_HEAD] != NIL
                    && compatible(rec, nodes[recs[rec * REC + R_WAIT_HEAD] * NODE + N_MODE])) {
                grantWaiter(rec, recs[rec * REC + R_WAIT_HEAD]);
            }
        }
        // invariant: no two incompatible holders
        assert holdersCompatible(rec) : "incompatible holders on granule " + recKey[rec];
        if (recs[rec * REC + R_HOLDERS] == NIL) {
            assert recs[rec * REC + R_WAIT_HEAD] == NIL : "waiters without holders on granule " + recKey[rec];
            freeRecord(rec);
        }
    }

    private void grantUpgrade(int rec, int node) {
        int txn = nodes[node * NODE + N_TXN];
        recs[rec * REC + R_UPGRADER] = NIL;
        nodes[node * NODE + N_STATE] = HELD;
        convert(rec, node);
        stopWaiting(txn);
        grantedTxns[grants++] = txn;
    }

    private void grantWaiter(int rec, int node) {
        int txn = nodes[node * NODE + N_TXN];
        unlinkWaiter(rec, node);
        nodes[node * NODE + N_STATE] = HELD;
        stopWaiting(txn);
        grant(txn, rec, node);
        grantedTxns[grants++] = txn;
    }

    private boolean holdersCompatible(int rec) {
        int shared = 0;
        int exclusive = 0;
        for (int h = recs[rec * REC + R_HOLDERS]; h != NIL; h = nodes[h * NODE + N_NEXT]) {
            if (nodes[h * NODE + N_MODE] == SHARED) {
                shared++;
            } else {
                exclusive++;
            }
        }
        return shared == recs[rec * REC + R_SHARED]
                && exclusive == recs[rec * REC + R_EXCLUSIVE]
                && (exclusive == 0 || (exclusive == 1 && shared == 0));
    }

    // ---------------------------------------------------------------- list plumbing

    /** {@link #grant} on a record just created: no holders, no counts, nothing waiting. */
    private void grantFirst(int txn, int rec, int node) {
        nodes[node * NODE + N_PREV] = NIL;
        nodes[node * NODE + N_NEXT] = NIL;
        recs[rec * REC + R_HOLDERS] = node;
        int mode = nodes[node * NODE + N_MODE];
        recs[rec * REC + R_SHARED] = 1 - mode;
        recs[rec * REC + R_EXCLUSIVE] = mode;
        nodes[node * NODE + N_TXN_NEXT] = NIL;
        int last = txns[txn * TXN + T_LAST];
        if (last == NIL) {
            txns[txn * TXN + T_FIRST] = node;
        } else {
            nodes[last * NODE + N_TXN_NEXT] = node;
        }
        txns[txn * TXN + T_LAST] = node;
        txns[txn * TXN + T_HELD]++;
    }

    private void grant(int txn, int rec, int node) {
        // on the granule's holder list
        nodes[node * NODE + N_PREV] = NIL;
        nodes[node * NODE + N_NEXT] = recs[rec * REC + R_HOLDERS];
        if (recs[rec * REC + R_HOLDERS] != NIL) {
            nodes[recs[rec * REC + R_HOLDERS] * NODE + N_PREV] = node;
        }
        recs[rec * REC + R_HOLDERS] = node;
        recs[rec * REC + R_SHARED + nodes[node * NODE + N_MODE]]++; // the count of its mode
        // at the end of the transaction's list
        nodes[node * NODE + N_TXN_NEXT] = NIL;
        if (txns[txn * TXN + T_LAST] == NIL) {
            txns[txn * TXN + T_FIRST] = node;
        } else {
            nodes[txns[txn * TXN + T_LAST] * NODE + N_TXN_NEXT] = node;
        }
        txns[txn * TXN + T_LAST] = node;
        txns[txn * TXN + T_HELD]++;
    }

    private void convert(int rec, int node) {
        nodes[node * NODE + N_MODE] = EXCLUSIVE;
        recs[rec * REC + R_SHARED]--;
        recs[rec * REC + R_EXCLUSIVE]++;
    }

    private void unlinkHolder(int rec, int node) {
        if (nodes[node * NODE + N_PREV] == NIL) {
            recs[rec * REC + R_HOLDERS] = nodes[node * NODE + N_NEXT];
        } else {
            nodes[nodes[node * NODE + N_PREV] * NODE + N_NEXT] = nodes[node * NODE + N_NEXT];
        }
        if (nodes[node * NODE + N_NEXT] != NIL) {
            nodes[nodes[node * NODE + N_NEXT] * NODE + N_PREV] = nodes[node * NODE + N_PREV];
        }
        recs[rec * REC + R_SHARED + nodes[node * NODE + N_MODE]]--; // the count of its mode
    }

    private void appendWaiter(int rec, int node) {
        nodes[node * NODE + N_SEQ] = ++waitSeq;
        nodes[node * NODE + N_NEXT] = NIL;
        nodes[node * NODE + N_PREV] = recs[rec * REC + R_WAIT_TAIL];
        if (recs[rec * REC + R_WAIT_TAIL] == NIL) {
            recs[rec * REC + R_WAIT_HEAD] = node;
        } else {
            nodes[recs[rec * REC + R_WAIT_TAIL] * NODE + N_NEXT] = node;
        }
        recs[rec * REC + R_WAIT_TAIL] = node;
    }

    private void unlinkWaiter(int rec, int node) {
        if (nodes[node * NODE + N_PREV] == NIL) {
            recs[rec * REC + R_WAIT_HEAD] = nodes[node * NODE + N_NEXT];
        } else {
            nodes[nodes[node * NODE + N_PREV] * NODE + N_NEXT] = nodes[node * NODE + N_NEXT];
        }
        if (nodes[node * NODE + N_NEXT] == NIL) {
            recs[rec * REC + R_WAIT_TAIL] = nodes[node * NODE + N_PREV];
        } else {
            nodes[nodes[node * NODE + N_NEXT] * NODE + N_PREV] = nodes[node * NODE + N_PREV];
        }
    }

    private void startWaiting(int txn, int node) {
        txns[txn * TXN + T_WAIT] = node;
    }

    private void stopWaiting(int txn) {
        txns[txn * TXN + T_WAIT] = NIL;
    }

    // ---------------------------------------------------------------- pools

    private int newNode(int txn, int rec, int mode, int state) {
        if (nodeFree == NIL) {
            allocNodes(nodeCapacity * 2);
        }
        int node = nodeFree;
        nodeFree = nodes[node * NODE + N_NEXT];
        nodes[node * NODE + N_TXN] = txn;
        nodes[node * NODE + N_REC] = rec;
        nodes[node * NODE + N_MODE] = mode;
        nodes[node * NODE + N_STATE] = state;
        return node;
    }

    private void freeNode(int node) {
        nodes[node * NODE + N_NEXT] = nodeFree;
        nodeFree = node;
    }

    private int findOrCreate(long granule) {
        int found = find(granule);
        return found >= 0 ? found : create(~found, granule);
    }

    /** The granule's record, or {@code ~slot} of the empty slot where it would go. */
    private int find(long granule) {
        int mask = tableMask;
        int i = slot(granule);
        for (int rec; (rec = tableRecs[i]) != NIL; i = (i + 1) & mask) {
            if (tableKeys[i] == granule) {
                return rec;
            }
        }
        return ~i;
    }

    /** A record for the absent {@code granule}, entered at the empty slot {@code i} found by {@link #find}. */
    private int create(int i, long granule) {
        // take a record, then probe again if taking it grew the table
        if (recFree == NIL) {
            allocRecords(recKey.length * 2);
            allocTable(recKey.length * TABLE_PER_RECORD);
            i = ~find(granule);
        }
        int rec = recFree;
        recFree = recs[rec * REC + R_NEXT_FREE];
        recKey[rec] = granule;
        recs[rec * REC + R_HOLDERS] = NIL;
        recs[rec * REC + R_WAIT_HEAD] = NIL;
        recs[rec * REC + R_WAIT_TAIL] = NIL;
        recs[rec * REC + R_UPGRADER] = NIL;
        recs[rec * REC + R_SLOT] = i;
        tableKeys[i] = granule;
        tableRecs[i] = rec;
        if (busyClock != null) {
            recSince[rec] = busyClock.now();
        }
        return rec;
    }

    private void freeRecord(int rec) {
        if (busyClock != null) {
            busyClock.idle(recKey[rec], recSince[rec]);
        }
        removeSlot(recs[rec * REC + R_SLOT]);
        recs[rec * REC + R_NEXT_FREE] = recFree;
        recFree = rec;
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole, so no tombstones. */
    private void removeSlot(int hole) {
        for (int j = (hole + 1) & tableMask; tableRecs[j] != NIL; j = (j + 1) & tableMask) {
            int home = slot(tableKeys[j]);
            if (((j - home) & tableMask) >= ((j - hole) & tableMask)) {
                int moved = tableRecs[j];
                tableKeys[hole] = tableKeys[j];
                tableRecs[hole] = moved;
                recs[moved * REC + R_SLOT] = hole;
                hole = j;
            }
        }
        tableRecs[hole] = NIL;
    }

    private int slot(long granule) {
        return (int) ((granule * FIBONACCI) >>> tableShift);
    }

    // ---------------------------------------------------------------- growth (doubling, rare)

    private void ensureTransaction(int txn) {
        if (txn >= txnCapacity) {
            int capacity = txnCapacity;
            while (capacity <= txn) {
                capacity = Math.multiplyExact(capacity, 2);
            }
            allocTransactions(capacity);
        }
    }

    private void ensureAffected(int size) {
        if (affected.length < size) {
            affected = new int[Integer.highestOneBit(size - 1) * 2];
        }
    }

    private void allocTransactions(int capacity) {
        int old = txnCapacity;
        txns = old == 0
                ? new int[Math.multiplyExact(capacity, TXN)]
                : Arrays.copyOf(txns, Math.multiplyExact(capacity, TXN));
        for (int t = old; t < capacity; t++) {
            txns[t * TXN + T_FIRST] = NIL;
            txns[t * TXN + T_LAST] = NIL;
            txns[t * TXN + T_WAIT] = NIL;
        }
        txnCapacity = capacity;
        deadlocks.transactionsGrew(capacity);
        grantedTxns = new int[capacity];
    }

    private void allocRecords(int capacity) {
        int old = recKey == null ? 0 : recKey.length;
        recKey = old == 0 ? new long[capacity] : Arrays.copyOf(recKey, capacity);
        deadlocks.recordsGrew(capacity);
        if (recSince != null) {
            recSince = Arrays.copyOf(recSince, capacity);
        }
        recs = old == 0
                ? new int[Math.multiplyExact(capacity, REC)]
                : Arrays.copyOf(recs, Math.multiplyExact(capacity, REC));
        for (int r = old; r < capacity; r++) {
            recs[r * REC + R_HOLDERS] = NIL;
            recs[r * REC + R_WAIT_HEAD] = NIL;
            recs[r * REC + R_WAIT_TAIL] = NIL;
            recs[r * REC + R_UPGRADER] = NIL;
        }
        // the new records, chained onto the free list
        if (old == 0) {
            recFree = NIL;
        }
        for (int r = capacity - 1; r >= old; r--) {
            recs[r * REC + R_NEXT_FREE] = recFree;
            recFree = r;
        }
    }

    private void allocNodes(int capacity) {
        int old = nodeCapacity;
        nodes = old == 0
                ? new int[Math.multiplyExact(capacity, NODE)]
                : Arrays.copyOf(nodes, Math.multiplyExact(capacity, NODE));
        nodeCapacity = capacity;
        // the new nodes, chained onto the free list
        if (old == 0) {
            nodeFree = NIL;
        }
        for (int n = capacity - 1; n >= old; n--) {
            nodes[n * NODE + N_NEXT] = nodeFree;
            nodeFree = n;
        }
    }

    /** A table of {@code capacity} slots (a power of two) holding every live record. */
    private void allocTable(int capacity) {
        long[] oldKeys = tableKeys;
        int[] oldRecs = tableRecs;
        tableKeys = new long[capacity];
        tableRecs = new int[capacity];
        Arrays.fill(tableRecs, NIL);
        tableMask = capacity - 1;
        tableShift = 64 - Integer.numberOfTrailingZeros(capacity);
        if (oldRecs == null) {
            return;
        }
        // rehash the live entries
        for (int i = 0; i < oldRecs.length; i++) {
            if (oldRecs[i] != NIL) {
                int j = slot(oldKeys[i]);
                while (tableRecs[j] != NIL) {
                    j = (j + 1) & tableMask;
                }
                tableKeys[j] = oldKeys[i];
                tableRecs[j] = oldRecs[i];
                recs[oldRecs[i] * REC + R_SLOT] = j;
            }
        }
    }
}
