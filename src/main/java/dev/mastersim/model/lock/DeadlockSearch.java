package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.NIL;
import static dev.mastersim.model.lock.LockManager.NODE;
import static dev.mastersim.model.lock.LockManager.N_MODE;
import static dev.mastersim.model.lock.LockManager.N_NEXT;
import static dev.mastersim.model.lock.LockManager.N_REC;
import static dev.mastersim.model.lock.LockManager.N_SEQ;
import static dev.mastersim.model.lock.LockManager.N_STATE;
import static dev.mastersim.model.lock.LockManager.N_TXN;
import static dev.mastersim.model.lock.LockManager.QUEUED;
import static dev.mastersim.model.lock.LockManager.REC;
import static dev.mastersim.model.lock.LockManager.R_HOLDERS;
import static dev.mastersim.model.lock.LockManager.TXN;
import static dev.mastersim.model.lock.LockManager.T_WAIT;

import java.util.Arrays;

/**
 * The deadlock search of one {@link LockManager}: whether a waiting transaction is on a cycle of the
 * waits-for graph. It reads the lock table's records, nodes and transactions in place and keeps only
 * its own scratch (a stack and visit marks), so the table calls it when a request starts waiting (or,
 * with a deadlock timeout, when the wait has lasted it) and nothing else.
 *
 * <p>The search does not walk queues. A queued waiter reaches, through the graph, <em>every</em> holder
 * of its granule: an exclusive one waits for all of them; a shared one waits for the exclusive holder,
 * or the upgrader (who waits for every other holder), or else an exclusive waiter ahead, since the head
 * of a queue is always blocked by a holder, and with only shared holders a shared head would have been
 * granted. And a queued waiter reaches nothing else outside its queue, for the waiters ahead of it wait
 * on the same granule. So the search goes from a waiter straight to the holders of its granule, scanned
 * once per search however many of its waiters are met, and from an upgrader to the other holders: its
 * cost is the holders reachable from the requester, whatever the length of the queues (a FIFO thousands
 * long behind one hot row used to be walked, waiter by waiter, for each of its waiters met). The one path
 * that stays inside a queue is to the requester itself when a search runs after later requests queued
 * behind it ({@link LockManager#deadlocked}, for a deadlock timeout): a waiter behind it reaches it if
 * either is exclusive or an exclusive waiter stands between. The property tests check every search
 * against a cycle search on the whole graph.
 *
 * <p>Visit marks are epochs stamped on transactions and records, so starting a search clears nothing;
 * the stack holds each transaction at most once, so it is as long as the table's transaction ids.
 */
final class DeadlockSearch {
    private static final int UNKNOWN = -2;

    private final LockManager table;
    private int[] txnMark = new int[0]; // epoch of the last search that visited it
    private int[] recMark = new int[0]; // epoch of the last search that scanned its holders for a queued waiter
    private int[] stack = new int[0];
    private int sp;
    private int epoch;
    private int searchNode; // the requester's waiting node
    private int searchRec; // and its record
    private int searchFirstX; // the first exclusive waiter behind it, NIL, or UNKNOWN until needed
    private long steps; // transactions popped and holders looked at by every search so far

    DeadlockSearch(LockManager table) {
        this.table = table;
    }

    /** The table now has {@code capacity} transaction ids. */
    void transactionsGrew(int capacity) {
        txnMark = Arrays.copyOf(txnMark, capacity);
        stack = new int[capacity];
    }

    /** The table now has {@code capacity} lock records. */
    void recordsGrew(int capacity) {
        recMark = Arrays.copyOf(recMark, capacity);
    }

    /**
     * The work of every search so far: transactions taken from the stack plus holders looked at (its
     * cost, counted rather than timed).
     */
    long steps() {
        return steps;
    }

    /**
     * Whether the waiting {@code requester} is on a cycle of the waits-for graph, searched over holders
     * only: a queued waiter reaches every holder of its granule, and nothing else outside its queue.
     */
    boolean closesCycle(int requester) {
        int[] txns = table.txns;
        int[] nodes = table.nodes;
        int mark = nextEpoch();
        int own = txns[requester * TXN + T_WAIT];
        searchNode = own;
        searchRec = nodes[own * NODE + N_REC];
        searchFirstX = UNKNOWN;
        txnMark[requester] = mark;
        stack[0] = requester;
        sp = 1;
        while (sp > 0) {
            int txn = stack[--sp];
            steps++;
            int node = txns[txn * TXN + T_WAIT];
            if (node != NIL && pushBlockers(txn, node, requester, mark)) {
                return true;
            }
        }
        return false;
    }

    /** Pushes the unvisited holders {@code txn}'s waiting {@code node} leads to; true when one is the requester. */
    private boolean pushBlockers(int txn, int node, int requester, int mark) {
        int[] nodes = table.nodes;
        int rec = nodes[node * NODE + N_REC];
        if (nodes[node * NODE + N_STATE] == QUEUED) {
            // behind the requester in its own queue: an edge to it (only when the search began later)
            if (rec == searchRec && txn != requester && reachesRequesterInQueue(node)) {
                return true;
            }
            // every queued waiter on a granule reaches the same holders: scan them once per search
            if (recMark[rec] == mark) {
                return false;
            }
            recMark[rec] = mark;
        }
        // the holders (an upgrader waits for every other one)
        for (int h = table.recs[rec * REC + R_HOLDERS]; h != NIL; h = nodes[h * NODE + N_NEXT]) {
            steps++;
            if (nodes[h * NODE + N_TXN] != txn && visit(nodes[h * NODE + N_TXN], requester, mark)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the queued {@code node}, on the requester's granule, reaches the queued requester through
     * the queue: it is behind it, and one of the two is exclusive or an exclusive waiter stands between.
     */
    private boolean reachesRequesterInQueue(int node) {
        int[] nodes = table.nodes;
        int own = searchNode;
        if (nodes[own * NODE + N_STATE] != QUEUED || nodes[node * NODE + N_SEQ] - nodes[own * NODE + N_SEQ] <= 0) {
            return false;
        }
        if ((nodes[node * NODE + N_MODE] | nodes[own * NODE + N_MODE]) == EXCLUSIVE) {
            return true;
        }
        if (searchFirstX == UNKNOWN) {
            // the first exclusive waiter behind the requester, found once per search
            int w = nodes[own * NODE + N_NEXT];
            while (w != NIL && nodes[w * NODE + N_MODE] != EXCLUSIVE) {
                w = nodes[w * NODE + N_NEXT];
            }
            searchFirstX = w;
        }
        return searchFirstX != NIL && nodes[node * NODE + N_SEQ] - nodes[searchFirstX * NODE + N_SEQ] >= 0;
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
            Arrays.fill(recMark, 0);
            epoch = 1;
        }
        return epoch;
    }
}
