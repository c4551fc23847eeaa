package dev.mastersim.model.lock;

import java.util.Arrays;

/**
 * The master's lock table under strict two-phase locking.
 *
 * <h2>What is modelled</h2>
 * Shared and exclusive locks on granules (a row, a page or a whole table, already mapped to a
 * {@code long} by the caller). Each granule has one FIFO queue of requests: the granted ones first,
 * then the waiting ones in arrival order. A request is granted at once when it is compatible with
 * every holder (only shared is compatible with shared) <em>and</em> nobody is waiting: a shared
 * request behind a waiting exclusive one waits, so writers are not starved. A transaction that
 * already holds the granule in the same or a stronger mode is granted at once (re-entrant). An
 * upgrade (shared held, exclusive asked) is granted at once when the transaction is the only
 * holder; otherwise it waits ahead of every other waiter, as in System R; two upgraders of one
 * granule therefore deadlock, and that is detected.
 *
 * <p>Locks are held until the transaction ends ({@link #releaseAll}, on commit or abort): strict
 * 2PL. Releasing re-runs each affected queue's grant loop: waiters at the head are granted while
 * they are compatible with the holders, and the {@link Listener} hears each newly granted
 * transaction.
 *
 * <h2>Deadlocks</h2>
 * Detected immediately, when a request would wait: a depth-first search of the waits-for graph from
 * the requester's blockers (the incompatible holders, and the incompatible waiters ahead of it in
 * the queue). If the search reaches the requester, the wait would close a cycle: the request is
 * removed, leaving no trace, and {@link #DEADLOCK} is returned; the caller aborts the requester
 * (the victim) with {@link #releaseAll}. Because every wait is checked when it starts, the graph
 * is always acyclic between calls, and no cycle goes unnoticed.
 *
 * <h2>Why this structure</h2>
 * The simulator takes and releases millions of locks per second of wall time, so nothing is
 * allocated per request. Requests are nodes in parallel int arrays with a free list; each node is
 * on two singly linked lists, its granule's queue and its transaction's list. Granules map to lock
 * records through an open-addressing hash table with linear probing and backward-shift deletion
 * (no tombstones), and records are recycled through their own free list. Queues are short (the
 * holders and waiters of one granule), so walking one to unlink a node is cheaper than keeping
 * back pointers. The depth-first search uses a preallocated stack and epoch-stamped visit marks.
 * Arrays only grow, by doubling, when the working set outgrows them.
 *
 * <h2>Left out</h2>
 * Intention locks and multi-granularity locking (a scenario picks one granularity per step), lock
 * escalation, lock conversion other than shared to exclusive, and timeouts (the caller schedules
 * them and aborts with {@link #releaseAll}).
 *
 * <h2>References</h2>
 * Gray, Homan, Obermarck &amp; Korth, "A straw man analysis of the probability of waiting and
 * deadlock in a database system", IBM RJ3066, 1981; Gray, Helland, O'Neil &amp; Shasha, "The
 * Dangers of Replication and a Solution", SIGMOD 1996; Tay, Goodman &amp; Suri, "Locking
 * performance in centralized databases", TODS 10(4), 1985; Agrawal, Carey &amp; Livny,
 * "Concurrency control performance modeling", TODS 12(4), 1987.
 */
public final class LockManager {
    public static final int SHARED = 0;
    public static final int EXCLUSIVE = 1;

    public static final int GRANTED = 0;
    public static final int WAITING = 1;
    public static final int DEADLOCK = 2;
    public static final int CONFLICT = 3;

    /** Hears that a waiting request of {@code txn} was granted (during a release). */
    @FunctionalInterface
    public interface Listener {
        void granted(int txn);
    }

    private static final int NONE = -1;

    private final Listener listener;

    // request nodes
    private int[] reqTxn;
    private int[] reqMode;
    private boolean[] reqGranted;
    private boolean[] reqUpgrade;
    private int[] reqRecord;
    private int[] reqNext;
    private int[] reqTxnNext;
    private int freeReq;

    // lock records, one per granule with a non-empty queue
    private long[] recKey;
    private boolean[] recLive;
    private int[] recHead;
    private int freeRec;
    private int records;

    // hash table: granule -> record
    private long[] slotKey;
    private int[] slotRec;
    private int slotMask;

    // transactions
    private int[] txnHead = new int[0];
    private int[] txnWaiting = new int[0];
    private int[] txnHeld = new int[0];
    private int[] txnMark = new int[0];
    private int epoch;
    private int[] stack = new int[0];
    private int waitingTxns;
    private int totalHeld;

    // records whose queues changed during a release
    private int[] touched = new int[16];

    /** A lock table sized for about {@code initialTxns} transactions and {@code initialLocks} requests. */
    public LockManager(int initialTxns, int initialLocks, Listener listener) {
        this.listener = listener;
        int r = Math.max(16, Integer.highestOneBit(Math.max(1, initialLocks - 1)) << 1);
        reqTxn = new int[r];
        reqMode = new int[r];
        reqGranted = new boolean[r];
        reqUpgrade = new boolean[r];
        reqRecord = new int[r];
        reqNext = new int[r];
        reqTxnNext = new int[r];
        chainFree(reqNext, 0, r);
        freeReq = 0;
        recKey = new long[r];
        recLive = new boolean[r];
        recHead = new int[r];
        chainFree(recHead, 0, r);
        freeRec = 0;
        slotKey = new long[2 * r];
        slotRec = new int[2 * r];
        Arrays.fill(slotRec, NONE);
        slotMask = 2 * r - 1;
        ensureTxn(Math.max(1, initialTxns) - 1);
    }

    /** Requests {@code granule} in {@code mode} for {@code txn}: GRANTED, WAITING or DEADLOCK. */
    public int acquire(int txn, long granule, int mode) {
        return request(txn, granule, mode, true);
    }

    /** Like {@link #acquire}, but a request that would wait is not queued: GRANTED or CONFLICT. */
    public int acquireNoWait(int txn, long granule, int mode) {
        return request(txn, granule, mode, false);
    }

    private int request(int txn, long granule, int mode, boolean mayWait) {
        ensureTxn(txn);
        if (txnWaiting[txn] != NONE) {
            throw new IllegalStateException("transaction " + txn + " is already waiting");
        }
        int rec = find(granule);
        if (rec == NONE) {
            // first request of this granule: granted
            rec = newRecord(granule);
            append(rec, newRequest(txn, mode, rec, true));
            return GRANTED;
        }
        int mine = NONE;
        boolean othersHold = false;
        boolean conflict = false;
        boolean someoneWaits = false;
        for (int r = recHead[rec]; r != NONE; r = reqNext[r]) {
            if (reqTxn[r] == txn && reqGranted[r]) {
                mine = r;
            } else if (reqGranted[r]) {
                othersHold = true;
                conflict |= reqMode[r] == EXCLUSIVE || mode == EXCLUSIVE;
            } else {
                someoneWaits = true;
            }
        }
        if (mine != NONE && reqMode[mine] >= mode) {
            return GRANTED; // re-entrant
        }
        if (mine != NONE && !othersHold) {
            reqMode[mine] = mode; // upgrade of the sole holder
            return GRANTED;
        }
        if (mine == NONE && !conflict && !someoneWaits) {
            append(rec, newRequest(txn, mode, rec, true));
            return GRANTED;
        }
        if (!mayWait) {
            return CONFLICT;
        }
        // queue the request: an upgrade goes ahead of every waiter, others at the tail
        int w = newRequest(txn, mode, rec, false);
        if (mine != NONE) {
            reqUpgrade[w] = true;
            insertAfterGranted(rec, w);
        } else {
            append(rec, w);
        }
        txnWaiting[txn] = w;
        waitingTxns++;
        if (closesCycle(txn)) {
            unlinkFromRecord(rec, w);
            unlinkFromTxn(txn, w);
            freeRequest(w);
            txnWaiting[txn] = NONE;
            waitingTxns--;
            return DEADLOCK;
        }
        return WAITING;
    }

    /** Ends {@code txn}: drops its locks and its waiting request, then grants waiters in FIFO order. */
    public void releaseAll(int txn) {
        if (txn >= txnHead.length) {
            return;
        }
        int nTouched = 0;
        if (txnWaiting[txn] != NONE) {
            txnWaiting[txn] = NONE;
            waitingTxns--;
        }
        for (int r = txnHead[txn]; r != NONE; ) {
            int next = reqTxnNext[r];
            int rec = reqRecord[r];
            if (reqGranted[r]) {
                txnHeld[txn]--;
                totalHeld--;
            }
            unlinkFromRecord(rec, r);
            freeRequest(r);
            if (nTouched == touched.length) {
                touched = Arrays.copyOf(touched, nTouched * 2);
            }
            touched[nTouched++] = rec;
            r = next;
        }
        txnHead[txn] = NONE;
        for (int i = 0; i < nTouched; i++) {
            int rec = touched[i];
            if (!recLive[rec]) {
                continue; // emptied and freed through an earlier request of this transaction
            }
            if (recHead[rec] == NONE) {
                removeRecord(rec);
            } else {
                grantWaiters(rec);
            }
        }
    }

    /** Whether {@code txn} has a request waiting. */
    public boolean isWaiting(int txn) {
        return txn < txnWaiting.length && txnWaiting[txn] != NONE;
    }

    /** Locks {@code txn} holds (one per granule). */
    public int heldCount(int txn) {
        return txn < txnHeld.length ? txnHeld[txn] : 0;
    }

    /** Granules with a non-empty queue. */
    public int lockedGranules() {
        return records;
    }

    /** Transactions waiting for a lock. */
    public int waitingTxns() {
        return waitingTxns;
    }

    /** Locks held by all transactions. */
    public int totalHeld() {
        return totalHeld;
    }

    // ---------------------------------------------------------------- grant loop

    private void grantWaiters(int rec) {
        // walk the waiters from the head of the queue; stop at the first that must still wait
        for (int w = firstWaiter(rec); w != NONE; w = firstWaiter(rec)) {
            int txn = reqTxn[w];
            if (!compatibleWithHolders(rec, w)) {
                break;
            }
            if (reqUpgrade[w]) {
                int own = grantedRequestOf(rec, txn);
                reqMode[own] = reqMode[w];
                unlinkFromRecord(rec, w);
                unlinkFromTxn(txn, w);
                freeRequest(w);
            } else {
                reqGranted[w] = true;
                txnHeld[txn]++;
                totalHeld++;
            }
            txnWaiting[txn] = NONE;
            waitingTxns--;
            listener.granted(txn);
        }
        assert holdersCompatible(rec) : "incompatible holders on granule " + recKey[rec];
    }

    private int firstWaiter(int rec) {
        for (int r = recHead[rec]; r != NONE; r = reqNext[r]) {
            if (!reqGranted[r]) {
                return r;
            }
        }
        return NONE;
    }

    private boolean compatibleWithHolders(int rec, int w) {
        for (int r = recHead[rec]; r != NONE; r = reqNext[r]) {
            if (reqGranted[r] && reqTxn[r] != reqTxn[w] && (reqMode[r] == EXCLUSIVE || reqMode[w] == EXCLUSIVE)) {
                return false;
            }
        }
        return true;
    }

    private int grantedRequestOf(int rec, int txn) {
        for (int r = recHead[rec]; r != NONE; r = reqNext[r]) {
            if (reqGranted[r] && reqTxn[r] == txn) {
                return r;
            }
        }
        throw new IllegalStateException("upgrade without a held lock");
    }

    private boolean holdersCompatible(int rec) {
        int holders = 0;
        boolean exclusive = false;
        for (int r = recHead[rec]; r != NONE; r = reqNext[r]) {
            if (reqGranted[r]) {
                holders++;
                exclusive |= reqMode[r] == EXCLUSIVE;
            }
        }
        return !exclusive || holders == 1;
    }

    // ---------------------------------------------------------------- deadlock detection

    /** Whether the wait just queued for {@code start} closes a cycle in the waits-for graph. */
    private boolean closesCycle(int start) {
        if (++epoch == Integer.MAX_VALUE) {
            Arrays.fill(txnMark, 0);
            epoch = 1;
        }
        int top = 0;
        stack[top++] = start;
        txnMark[start] = epoch;
        while (top > 0) {
            int t = stack[--top];
            int w = txnWaiting[t];
            if (w == NONE) {
                continue;
            }
            // blockers of t: incompatible holders and incompatible waiters ahead of its request
            // (granted requests always form a prefix of the queue)
            int rec = reqRecord[w];
            for (int r = recHead[rec]; r != NONE && r != w; r = reqNext[r]) {
                int b = reqTxn[r];
                if (b == t || !(reqMode[r] == EXCLUSIVE || reqMode[w] == EXCLUSIVE)) {
                    continue;
                }
                if (b == start) {
                    return true;
                }
                if (txnMark[b] != epoch) {
                    txnMark[b] = epoch;
                    stack[top++] = b;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- lists

    private void append(int rec, int r) {
        reqNext[r] = NONE;
        int h = recHead[rec];
        if (h == NONE) {
            recHead[rec] = r;
            return;
        }
        while (reqNext[h] != NONE) {
            h = reqNext[h];
        }
        reqNext[h] = r;
    }

    private void insertAfterGranted(int rec, int r) {
        int prev = NONE;
        for (int q = recHead[rec]; q != NONE && reqGranted[q]; q = reqNext[q]) {
            prev = q;
        }
        if (prev == NONE) {
            reqNext[r] = recHead[rec];
            recHead[rec] = r;
        } else {
            reqNext[r] = reqNext[prev];
            reqNext[prev] = r;
        }
    }

    private void unlinkFromRecord(int rec, int r) {
        if (recHead[rec] == r) {
            recHead[rec] = reqNext[r];
            return;
        }
        for (int q = recHead[rec]; q != NONE; q = reqNext[q]) {
            if (reqNext[q] == r) {
                reqNext[q] = reqNext[r];
                return;
            }
        }
    }

    private void unlinkFromTxn(int txn, int r) {
        if (txnHead[txn] == r) {
            txnHead[txn] = reqTxnNext[r];
            return;
        }
        for (int q = txnHead[txn]; q != NONE; q = reqTxnNext[q]) {
            if (reqTxnNext[q] == r) {
                reqTxnNext[q] = reqTxnNext[r];
                return;
            }
        }
    }

    // ---------------------------------------------------------------- pools of nodes and records

    private int newRequest(int txn, int mode, int rec, boolean granted) {
        if (freeReq == NONE) {
            growRequests();
        }
        int r = freeReq;
        freeReq = reqNext[r];
        reqTxn[r] = txn;
        reqMode[r] = mode;
        reqGranted[r] = granted;
        reqUpgrade[r] = false;
        reqRecord[r] = rec;
        reqNext[r] = NONE;
        reqTxnNext[r] = txnHead[txn];
        txnHead[txn] = r;
        if (granted) {
            txnHeld[txn]++;
            totalHeld++;
        }
        return r;
    }

    private void freeRequest(int r) {
        reqNext[r] = freeReq;
        freeReq = r;
    }

    private void growRequests() {
        int n = reqTxn.length;
        int c = n * 2;
        reqTxn = Arrays.copyOf(reqTxn, c);
        reqMode = Arrays.copyOf(reqMode, c);
        reqGranted = Arrays.copyOf(reqGranted, c);
        reqUpgrade = Arrays.copyOf(reqUpgrade, c);
        reqRecord = Arrays.copyOf(reqRecord, c);
        reqNext = Arrays.copyOf(reqNext, c);
        reqTxnNext = Arrays.copyOf(reqTxnNext, c);
        chainFree(reqNext, n, c);
        freeReq = n;
    }

    private int newRecord(long granule) {
        if (freeRec == NONE) {
            growRecords();
        }
        int rec = freeRec;
        freeRec = recHead[rec];
        recKey[rec] = granule;
        recLive[rec] = true;
        recHead[rec] = NONE;
        records++;
        insertSlot(granule, rec);
        return rec;
    }

    private void removeRecord(int rec) {
        deleteSlot(recKey[rec]);
        recLive[rec] = false;
        recHead[rec] = freeRec;
        freeRec = rec;
        records--;
    }

    private void growRecords() {
        int n = recKey.length;
        int c = n * 2;
        recKey = Arrays.copyOf(recKey, c);
        recLive = Arrays.copyOf(recLive, c);
        recHead = Arrays.copyOf(recHead, c);
        chainFree(recHead, n, c);
        freeRec = n;
        rehash(2 * c);
    }

    private static void chainFree(int[] next, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            next[i] = i + 1;
        }
        next[to - 1] = NONE;
    }

    private void ensureTxn(int txn) {
        if (txn < txnHead.length) {
            return;
        }
        int n = txnHead.length;
        int c = Math.max(16, Math.max(n * 2, txn + 1));
        txnHead = Arrays.copyOf(txnHead, c);
        txnWaiting = Arrays.copyOf(txnWaiting, c);
        txnHeld = Arrays.copyOf(txnHeld, c);
        txnMark = Arrays.copyOf(txnMark, c);
        stack = new int[c];
        Arrays.fill(txnHead, n, c, NONE);
        Arrays.fill(txnWaiting, n, c, NONE);
    }

    // ---------------------------------------------------------------- hash table

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    private int find(long key) {
        for (int i = hash(key) & slotMask; slotRec[i] != NONE; i = (i + 1) & slotMask) {
            if (slotKey[i] == key) {
                return slotRec[i];
            }
        }
        return NONE;
    }

    private void insertSlot(long key, int rec) {
        int i = hash(key) & slotMask;
        while (slotRec[i] != NONE) {
            i = (i + 1) & slotMask;
        }
        slotKey[i] = key;
        slotRec[i] = rec;
    }

    private void deleteSlot(long key) {
        int i = hash(key) & slotMask;
        while (slotKey[i] != key || slotRec[i] == NONE) {
            i = (i + 1) & slotMask;
        }
        // backward-shift deletion: move later entries of the run into the gap
        int gap = i;
        for (int j = (gap + 1) & slotMask; slotRec[j] != NONE; j = (j + 1) & slotMask) {
            int home = hash(slotKey[j]) & slotMask;
            if (((j - home) & slotMask) >= ((j - gap) & slotMask)) {
                slotKey[gap] = slotKey[j];
                slotRec[gap] = slotRec[j];
                gap = j;
            }
        }
        slotRec[gap] = NONE;
    }

    private void rehash(int capacity) {
        slotKey = new long[capacity];
        slotRec = new int[capacity];
        Arrays.fill(slotRec, NONE);
        slotMask = capacity - 1;
        for (int rec = 0; rec < recKey.length; rec++) {
            if (recLive[rec]) {
                insertSlot(recKey[rec], rec);
            }
        }
    }
}
