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
 * cycle through that request can be new. The request is therefore linked in, an iterative depth-first
 * search runs from the requester over the blockers, and if it comes back to the requester the request is
 * unlinked again, leaving no trace, and {@link #DEADLOCK} is returned: the requester is the victim, and
 * the caller aborts it. Continuous detection on every wait keeps the graph acyclic at all times, so
 * nothing ever waits without a chain of blockers that ends in a running transaction.
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
 *   <li>The counters ({@link #totalHeld}, {@link #waitingTxns}, {@link #lockedGranules}, ...) equal what
 *       a walk of the structure would count, and return to zero when every transaction has released.
 * </ul>
 *
 * <h2>Why this structure</h2>
 *
 * The simulator calls this for every lock request of every transaction in every replication, so it is
 * written like a pool's hot path: nothing is allocated per request in steady state. Granules map to lock
 * records through an open-addressing table (linear probing, Fibonacci hashing, backward-shift deletion,
 * so no tombstones accumulate as granules come and go). Lock records and request nodes live in parallel
 * primitive arrays with free lists; a node is on its granule's doubly linked holder or waiter list (O(1)
 * unlink on abort) and on its transaction's singly linked list of held locks (release walks it once).
 * The deadlock search uses a preallocated {@code int} stack and epoch-stamped visit marks, so starting a
 * search costs nothing. Arrays grow only by doubling when a capacity is exceeded, which is amortised and,
 * once the population of transactions and locks has been seen, never happens again.
 *
 * <h2>What is left out</h2>
 *
 * Intention locks and multiple granularity (IS/IX/SIX), lock escalation, update (U) mode and other
 * conversions than S&rarr;X, range and predicate locks (phantoms), latches, a bounded lock memory, victim
 * selection other than "the requester" (youngest, least work, wound-wait, wait-die), periodic rather than
 * continuous detection, and distributed deadlocks across shards. Each is a real engine's concern; none
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

    private static final int NIL = -1;

    // node states
    private static final int HELD = 0; // granted, on the granule's holder list
    private static final int QUEUED = 1; // a new request, on the granule's FIFO
    private static final int UPGRADING = 2; // held SHARED, waiting for EXCLUSIVE ahead of the FIFO

    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;

    private final Listener listener;

    // granule -> lock record: open addressing, linear probing, backward-shift deletion
    private long[] tableKeys;
    private int[] tableRecs;
    private int tableMask;
    private int tableShift;

    // lock records, pooled
    private long[] recKey;
    private int[] recHolders; // head of the doubly linked holder list
    private int[] recWaitHead; // the FIFO of queued requests, doubly linked
    private int[] recWaitTail;
    private int[] recShared; // holders by mode
    private int[] recExclusive;
    private int[] recUpgrader; // the held node waiting to upgrade, or NIL
    private int[] recNextFree;
    private int[] recSlot; // the table slot holding the record, kept when entries move
    private int recFree;

    // request nodes, pooled (free list through nodeNext)
    private int[] nodeTxn;
    private int[] nodeRec;
    private int[] nodeMode;
    private int[] nodeState;
    private int[] nodePrev;
    private int[] nodeNext;
    private int[] nodeTxnNext;
    private int nodeFree;

    // transactions, indexed by id
    private int[] txnFirst; // held nodes in grant order
    private int[] txnLast;
    private int[] txnWait; // the node waited on, or NIL
    private int[] txnHeld;
    private int[] txnMark; // epoch of the last deadlock search that visited it

    // scratch: deadlock search stack, release's affected granules and granted txns
    private int[] stack;
    private int sp;
    private int epoch;
    private int[] affected;
    private int[] grantedTxns;
    private int grants;
    private boolean notifying;

    // level counters for time-weighted statistics
    private int locked;
    private int waiting;
    private int held;
    private int active;
    private int heldByWaiting;

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
        allocTable(recs * 2);
        affected = new int[16];
    }

    /** A strict 2PL request: {@link #GRANTED}, {@link #WAITING} (the listener hears of the grant) or {@link #DEADLOCK}. */
    public int acquire(int txn, long granule, int mode) {
        check(txn, mode);
        int found = find(granule);
        if (found < 0) {
            // a granule nobody holds (the common case): nothing to re-enter, nothing to queue behind
            int rec = create(~found, granule);
            grantFirst(txn, rec, newNode(txn, rec, mode, HELD));
            return GRANTED;
        }
        int rec = found;
        if (recHolders[rec] == NIL && recWaitHead[rec] == NIL) {
            grant(txn, rec, newNode(txn, rec, mode, HELD));
            return GRANTED;
        }
        int own = heldNode(txn, rec);
        if (grantNow(txn, rec, own, mode)) {
            return GRANTED;
        }
        return own == NIL ? waitQueued(txn, rec, mode) : waitUpgrade(txn, rec, own);
    }

    /** Like {@link #acquire} but never queues: {@link #GRANTED} or {@link #CONFLICT}. */
    public int acquireNoWait(int txn, long granule, int mode) {
        int rec = prepare(txn, granule, mode);
        return grantNow(txn, rec, heldNode(txn, rec), mode) ? GRANTED : CONFLICT;
    }

    /** Commit or abort: drops every lock and the waiting request of {@code txn}, then grants waiters FIFO. */
    public void releaseAll(int txn) {
        assert !notifying : "the listener called back into the lock manager";
        if (txn < 0 || txn >= txnHeld.length) {
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

    /** Whether {@code txn} has a request waiting. */
    public boolean isWaiting(int txn) {
        return txn >= 0 && txn < txnWait.length && txnWait[txn] != NIL;
    }

    /** Number of granules {@code txn} holds (a granule counts once whatever the mode). */
    public int heldCount(int txn) {
        return txn >= 0 && txn < txnHeld.length ? txnHeld[txn] : 0;
    }

    /** Number of granules with at least one holder. */
    public int lockedGranules() {
        return locked;
    }

    /** Number of transactions with a waiting request. */
    public int waitingTxns() {
        return waiting;
    }

    /** Number of granted locks over all transactions. */
    public int totalHeld() {
        return held;
    }

    /** Number of transactions holding or waiting for a lock. */
    public int activeTxns() {
        return active;
    }

    /** Number of granted locks held by transactions that are waiting (for the conflict ratio). */
    public int heldByWaiting() {
        return heldByWaiting;
    }

    // ---------------------------------------------------------------- requests

    private int prepare(int txn, long granule, int mode) {
        check(txn, mode);
        return findOrCreate(granule);
    }

    /** Rejects a bad transaction or mode, and makes room for a new transaction id. */
    private void check(int txn, int mode) {
        // the rare cases (a new id past the arrays, a bad argument) leave the hot path
        if (txn >= txnHeld.length || txn < 0 || (mode >>> 1) != 0) {
            checkSlow(txn, mode);
        }
        assert txnWait[txn] == NIL : "txn " + txn + " requested a lock while waiting";
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
            return nodeMode[own] >= mode || upgradeInPlace(rec, own);
        }
        // new request: compatible with every holder and nothing waiting
        if (recWaitHead[rec] != NIL || recUpgrader[rec] != NIL || !compatible(rec, mode)) {
            return false;
        }
        grant(txn, rec, newNode(txn, rec, mode, HELD));
        return true;
    }

    private boolean upgradeInPlace(int rec, int own) {
        if (recShared[rec] + recExclusive[rec] != 1) {
            return false;
        }
        convert(rec, own);
        return true;
    }

    private int waitQueued(int txn, int rec, int mode) {
        // link in at the tail, then look for a cycle through it
        int node = newNode(txn, rec, mode, QUEUED);
        appendWaiter(rec, node);
        startWaiting(txn, node);
        if (!closesCycle(txn)) {
            return WAITING;
        }
        // deadlock: unlink again, leaving no trace
        stopWaiting(txn);
        unlinkWaiter(rec, node);
        freeNode(node);
        return DEADLOCK;
    }

    private int waitUpgrade(int txn, int rec, int own) {
        // a second upgrader waits for the first one's shared lock, and the first for its: a cycle
        if (recUpgrader[rec] != NIL) {
            return DEADLOCK;
        }
        // link in ahead of the FIFO, then look for a cycle through it
        nodeState[own] = UPGRADING;
        recUpgrader[rec] = own;
        startWaiting(txn, own);
        if (!closesCycle(txn)) {
            return WAITING;
        }
        // deadlock: back to a plain shared holder
        stopWaiting(txn);
        nodeState[own] = HELD;
        recUpgrader[rec] = NIL;
        return DEADLOCK;
    }

    /** The node by which {@code txn} holds {@code rec}, walking the shorter of the two lists, or NIL. */
    private int heldNode(int txn, int rec) {
        if (txnHeld[txn] <= recShared[rec] + recExclusive[rec]) {
            for (int n = txnFirst[txn]; n != NIL; n = nodeTxnNext[n]) {
                if (nodeRec[n] == rec) {
                    return n;
                }
            }
            return NIL;
        }
        for (int n = recHolders[rec]; n != NIL; n = nodeNext[n]) {
            if (nodeTxn[n] == txn) {
                return n;
            }
        }
        return NIL;
    }

    private boolean compatible(int rec, int mode) {
        return mode == SHARED ? recExclusive[rec] == 0 : recShared[rec] + recExclusive[rec] == 0;
    }

    // ---------------------------------------------------------------- deadlock search

    /** Whether the waiting {@code requester} is reachable from its own blockers in the waits-for graph. */
    private boolean closesCycle(int requester) {
        int mark = nextEpoch();
        txnMark[requester] = mark;
        stack[0] = requester;
        sp = 1;
        while (sp > 0) {
            int txn = stack[--sp];
            if (txnWait[txn] != NIL && pushBlockers(txnWait[txn], requester, mark)) {
                return true;
            }
        }
        return false;
    }

    /** Pushes the unvisited blockers of the waiting {@code node}; true when one is the requester. */
    private boolean pushBlockers(int node, int requester, int mark) {
        int rec = nodeRec[node];
        int txn = nodeTxn[node];
        boolean upgrading = nodeState[node] == UPGRADING;
        int want = upgrading ? EXCLUSIVE : nodeMode[node];
        // incompatible holders
        for (int h = recHolders[rec]; h != NIL; h = nodeNext[h]) {
            if (nodeTxn[h] != txn && (want | nodeMode[h]) == EXCLUSIVE && visit(nodeTxn[h], requester, mark)) {
                return true;
            }
        }
        if (upgrading) {
            return false;
        }
        // the upgrader, ahead of the FIFO and wanting EXCLUSIVE
        int u = recUpgrader[rec];
        if (u != NIL && visit(nodeTxn[u], requester, mark)) {
            return true;
        }
        // incompatible requests ahead in the FIFO
        for (int w = recWaitHead[rec]; w != node; w = nodeNext[w]) {
            if ((want | nodeMode[w]) == EXCLUSIVE && visit(nodeTxn[w], requester, mark)) {
                return true;
            }
        }
        return false;
    }

    private boolean visit(int txn, int requester, int mark) {
        if (txn == requester) {
            return true;
        }
        if (txnMark[txn] != mark) {
            txnMark[txn] = mark;
            stack[sp++] = txn;
        }
        return false;
    }

    private int nextEpoch() {
        if (++epoch == 0) {
            Arrays.fill(txnMark, 0);
            epoch = 1;
        }
        return epoch;
    }

    // ---------------------------------------------------------------- release and grant loop

    /** Unlinks everything of {@code txn}; returns how many granules are now in {@code affected}. */
    private int drop(int txn) {
        int wait = txnWait[txn];
        boolean queued = wait != NIL && nodeState[wait] == QUEUED;
        ensureAffected(txnHeld[txn] + 1);
        int count = 0;
        // held locks, in grant order (an upgrader's node is among them)
        for (int n = txnFirst[txn], next; n != NIL; n = next) {
            next = nodeTxnNext[n];
            int rec = nodeRec[n];
            if (nodeState[n] == UPGRADING) {
                recUpgrader[rec] = NIL;
            }
            unlinkHolder(rec, n);
            freeNode(n);
            affected[count++] = rec;
        }
        // the queued request, last
        if (queued) {
            int rec = nodeRec[wait];
            unlinkWaiter(rec, wait);
            freeNode(wait);
            affected[count++] = rec;
        }
        // counters
        if (wait != NIL) {
            waiting--;
            heldByWaiting -= txnHeld[txn];
        }
        if (wait != NIL || txnHeld[txn] > 0) {
            active--;
        }
        held -= txnHeld[txn];
        txnHeld[txn] = 0;
        txnFirst[txn] = NIL;
        txnLast[txn] = NIL;
        txnWait[txn] = NIL;
        return count;
    }

    /** Grants from the head while compatible, the upgrader first; frees the record if nothing is left. */
    private void grantLoop(int rec) {
        // nobody left and nobody waiting (the common case); an upgrader is a holder, so none either
        if (recHolders[rec] == NIL && recWaitHead[rec] == NIL) {
            freeRecord(rec);
            return;
        }
        // the upgrader is ahead of the FIFO and granted only as the sole holder
        int u = recUpgrader[rec];
        if (u != NIL && recShared[rec] + recExclusive[rec] == 1) {
            grantUpgrade(rec, u);
        }
        // then the FIFO, from the head, while compatible with every holder
        if (recUpgrader[rec] == NIL) {
            while (recWaitHead[rec] != NIL && compatible(rec, nodeMode[recWaitHead[rec]])) {
                grantWaiter(rec, recWaitHead[rec]);
            }
        }
        // invariant: no two incompatible holders
        assert holdersCompatible(rec) : "incompatible holders on granule " + recKey[rec];
        if (recHolders[rec] == NIL) {
            assert recWaitHead[rec] == NIL : "waiters without holders on granule " + recKey[rec];
            freeRecord(rec);
        }
    }

    private void grantUpgrade(int rec, int node) {
        int txn = nodeTxn[node];
        recUpgrader[rec] = NIL;
        nodeState[node] = HELD;
        convert(rec, node);
        stopWaiting(txn);
        grantedTxns[grants++] = txn;
    }

    private void grantWaiter(int rec, int node) {
        int txn = nodeTxn[node];
        unlinkWaiter(rec, node);
        nodeState[node] = HELD;
        stopWaiting(txn);
        grant(txn, rec, node);
        grantedTxns[grants++] = txn;
    }

    private boolean holdersCompatible(int rec) {
        int shared = 0;
        int exclusive = 0;
        for (int h = recHolders[rec]; h != NIL; h = nodeNext[h]) {
            if (nodeMode[h] == SHARED) {
                shared++;
            } else {
                exclusive++;
            }
        }
        return shared == recShared[rec]
                && exclusive == recExclusive[rec]
                && (exclusive == 0 || (exclusive == 1 && shared == 0));
    }

    // ---------------------------------------------------------------- list and counter plumbing

    /** {@link #grant} on a record just created: no holders, no counts, nothing waiting. */
    private void grantFirst(int txn, int rec, int node) {
        if (txnHeld[txn] == 0 && txnWait[txn] == NIL) {
            active++;
        }
        nodePrev[node] = NIL;
        nodeNext[node] = NIL;
        recHolders[rec] = node;
        if (nodeMode[node] == SHARED) {
            recShared[rec] = 1;
        } else {
            recExclusive[rec] = 1;
        }
        nodeTxnNext[node] = NIL;
        int last = txnLast[txn];
        if (last == NIL) {
            txnFirst[txn] = node;
        } else {
            nodeTxnNext[last] = node;
        }
        txnLast[txn] = node;
        txnHeld[txn]++;
        held++;
    }

    private void grant(int txn, int rec, int node) {
        if (txnHeld[txn] == 0 && txnWait[txn] == NIL) {
            active++;
        }
        // on the granule's holder list
        nodePrev[node] = NIL;
        nodeNext[node] = recHolders[rec];
        if (recHolders[rec] != NIL) {
            nodePrev[recHolders[rec]] = node;
        }
        recHolders[rec] = node;
        if (nodeMode[node] == SHARED) {
            recShared[rec]++;
        } else {
            recExclusive[rec]++;
        }
        // at the end of the transaction's list
        nodeTxnNext[node] = NIL;
        if (txnLast[txn] == NIL) {
            txnFirst[txn] = node;
        } else {
            nodeTxnNext[txnLast[txn]] = node;
        }
        txnLast[txn] = node;
        txnHeld[txn]++;
        held++;
    }

    private void convert(int rec, int node) {
        nodeMode[node] = EXCLUSIVE;
        recShared[rec]--;
        recExclusive[rec]++;
    }

    private void unlinkHolder(int rec, int node) {
        if (nodePrev[node] == NIL) {
            recHolders[rec] = nodeNext[node];
        } else {
            nodeNext[nodePrev[node]] = nodeNext[node];
        }
        if (nodeNext[node] != NIL) {
            nodePrev[nodeNext[node]] = nodePrev[node];
        }
        if (nodeMode[node] == SHARED) {
            recShared[rec]--;
        } else {
            recExclusive[rec]--;
        }
    }

    private void appendWaiter(int rec, int node) {
        nodeNext[node] = NIL;
        nodePrev[node] = recWaitTail[rec];
        if (recWaitTail[rec] == NIL) {
            recWaitHead[rec] = node;
        } else {
            nodeNext[recWaitTail[rec]] = node;
        }
        recWaitTail[rec] = node;
    }

    private void unlinkWaiter(int rec, int node) {
        if (nodePrev[node] == NIL) {
            recWaitHead[rec] = nodeNext[node];
        } else {
            nodeNext[nodePrev[node]] = nodeNext[node];
        }
        if (nodeNext[node] == NIL) {
            recWaitTail[rec] = nodePrev[node];
        } else {
            nodePrev[nodeNext[node]] = nodePrev[node];
        }
    }

    private void startWaiting(int txn, int node) {
        if (txnHeld[txn] == 0) {
            active++;
        }
        txnWait[txn] = node;
        waiting++;
        heldByWaiting += txnHeld[txn];
    }

    private void stopWaiting(int txn) {
        if (txnHeld[txn] == 0) {
            active--;
        }
        txnWait[txn] = NIL;
        waiting--;
        heldByWaiting -= txnHeld[txn];
    }

    // ---------------------------------------------------------------- pools

    private int newNode(int txn, int rec, int mode, int state) {
        if (nodeFree == NIL) {
            allocNodes(nodeTxn.length * 2);
        }
        int node = nodeFree;
        nodeFree = nodeNext[node];
        nodeTxn[node] = txn;
        nodeRec[node] = rec;
        nodeMode[node] = mode;
        nodeState[node] = state;
        return node;
    }

    private void freeNode(int node) {
        nodeNext[node] = nodeFree;
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
            allocTable(recKey.length * 2);
            i = ~find(granule);
        }
        int rec = recFree;
        recFree = recNextFree[rec];
        recKey[rec] = granule;
        recHolders[rec] = NIL;
        recWaitHead[rec] = NIL;
        recWaitTail[rec] = NIL;
        recUpgrader[rec] = NIL;
        recSlot[rec] = i;
        tableKeys[i] = granule;
        tableRecs[i] = rec;
        locked++;
        return rec;
    }

    private void freeRecord(int rec) {
        removeSlot(recSlot[rec]);
        recNextFree[rec] = recFree;
        recFree = rec;
        locked--;
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole, so no tombstones. */
    private void removeSlot(int hole) {
        for (int j = (hole + 1) & tableMask; tableRecs[j] != NIL; j = (j + 1) & tableMask) {
            int home = slot(tableKeys[j]);
            if (((j - home) & tableMask) >= ((j - hole) & tableMask)) {
                int moved = tableRecs[j];
                tableKeys[hole] = tableKeys[j];
                tableRecs[hole] = moved;
                recSlot[moved] = hole;
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
        if (txn >= txnHeld.length) {
            int capacity = txnHeld.length;
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
        int old = txnHeld == null ? 0 : txnHeld.length;
        txnFirst = grow(txnFirst, capacity, old);
        txnLast = grow(txnLast, capacity, old);
        txnWait = grow(txnWait, capacity, old);
        txnHeld = old == 0 ? new int[capacity] : Arrays.copyOf(txnHeld, capacity);
        txnMark = old == 0 ? new int[capacity] : Arrays.copyOf(txnMark, capacity);
        stack = new int[capacity];
        grantedTxns = new int[capacity];
    }

    private void allocRecords(int capacity) {
        int old = recKey == null ? 0 : recKey.length;
        recKey = old == 0 ? new long[capacity] : Arrays.copyOf(recKey, capacity);
        recHolders = grow(recHolders, capacity, old);
        recWaitHead = grow(recWaitHead, capacity, old);
        recWaitTail = grow(recWaitTail, capacity, old);
        recUpgrader = grow(recUpgrader, capacity, old);
        recShared = old == 0 ? new int[capacity] : Arrays.copyOf(recShared, capacity);
        recExclusive = old == 0 ? new int[capacity] : Arrays.copyOf(recExclusive, capacity);
        recNextFree = old == 0 ? new int[capacity] : Arrays.copyOf(recNextFree, capacity);
        recSlot = old == 0 ? new int[capacity] : Arrays.copyOf(recSlot, capacity);
        // the new records, chained onto the free list
        if (old == 0) {
            recFree = NIL;
        }
        for (int r = capacity - 1; r >= old; r--) {
            recNextFree[r] = recFree;
            recFree = r;
        }
    }

    private void allocNodes(int capacity) {
        int old = nodeTxn == null ? 0 : nodeTxn.length;
        nodeTxn = old == 0 ? new int[capacity] : Arrays.copyOf(nodeTxn, capacity);
        nodeRec = old == 0 ? new int[capacity] : Arrays.copyOf(nodeRec, capacity);
        nodeMode = old == 0 ? new int[capacity] : Arrays.copyOf(nodeMode, capacity);
        nodeState = old == 0 ? new int[capacity] : Arrays.copyOf(nodeState, capacity);
        nodePrev = old == 0 ? new int[capacity] : Arrays.copyOf(nodePrev, capacity);
        nodeNext = old == 0 ? new int[capacity] : Arrays.copyOf(nodeNext, capacity);
        nodeTxnNext = old == 0 ? new int[capacity] : Arrays.copyOf(nodeTxnNext, capacity);
        // the new nodes, chained onto the free list
        if (old == 0) {
            nodeFree = NIL;
        }
        for (int n = capacity - 1; n >= old; n--) {
            nodeNext[n] = nodeFree;
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
                recSlot[oldRecs[i]] = j;
            }
        }
    }

    private static int[] grow(int[] array, int capacity, int old) {
        int[] grown = array == null ? new int[capacity] : Arrays.copyOf(array, capacity);
        Arrays.fill(grown, old, capacity, NIL);
        return grown;
    }
}
