package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.CONFLICT;
import static dev.mastersim.model.lock.LockManager.DEADLOCK;
import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.GRANTED;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lock manager's semantics written the obvious way, with JDK maps and lists: the oracle of the
 * property tests and the JDK competitor ({@code HashMap<Long, ...>}) of {@code LockTableBenchmark}.
 * Deadlocks are found on an explicitly built waits-for graph.
 */
final class ReferenceLockTable {
    /** One granule: holders by transaction with their mode, and the waiting requests in queue order. */
    private static final class Queue {
        final Map<Integer, Integer> holders = new LinkedHashMap<>();
        final List<int[]> waiters = new ArrayList<>(); // {txn, mode}; an upgrader is at index 0
    }

    private final Map<Long, Queue> queues = new HashMap<>();
    private final Map<Integer, Long> waitingOn = new HashMap<>();
    private final Map<Integer, Set<Long>> held = new HashMap<>(); // in grant order
    private final List<Integer> grants = new ArrayList<>();

    /** Grants at once or enqueues (upgrades at the front); never checks for deadlock. */
    int request(int txn, long granule, int mode) {
        if (tryGrant(txn, granule, mode)) {
            return GRANTED;
        }
        Queue q = queues.get(granule);
        boolean upgrade = q.holders.containsKey(txn);
        q.waiters.add(upgrade ? 0 : q.waiters.size(), new int[] {txn, mode});
        waitingOn.put(txn, granule);
        return WAITING;
    }

    /**
     * A request whose wait is searched later ({@link LockManager#acquireUnsearched}): grant or enqueue,
     * except that a second upgrader on a granule is a deadlock at once.
     */
    int requestUnsearched(int txn, long granule, int mode) {
        Queue q = queues.get(granule);
        if (q != null
                && q.holders.containsKey(txn)
                && q.holders.get(txn) < mode
                && q.holders.size() > 1
                && !q.waiters.isEmpty()
                && q.holders.containsKey(q.waiters.get(0)[0])) {
            return DEADLOCK;
        }
        return request(txn, granule, mode);
    }

    /** Whether the waiting {@code txn} is on a cycle of the waits-for graph. */
    boolean deadlocked(int txn) {
        return isWaiting(txn) && reachable(waitsFor(), txn, txn);
    }

    /** Strict 2PL: grant, wait, or, if waiting closes a cycle in the waits-for graph, withdraw and say so. */
    int acquire(int txn, long granule, int mode) {
        int result = request(txn, granule, mode);
        if (result == WAITING && reachable(waitsFor(), txn, txn)) {
            withdraw(txn);
            return DEADLOCK;
        }
        return result;
    }

    /** Grant at once or report a conflict; never enqueues. */
    int acquireNoWait(int txn, long granule, int mode) {
        return tryGrant(txn, granule, mode) ? GRANTED : CONFLICT;
    }

    /** Removes the waiting request of {@code txn} without granting anybody: the state before it. */
    void withdraw(int txn) {
        long granule = waitingOn.remove(txn);
        queues.get(granule).waiters.removeIf(w -> w[0] == txn);
    }

    /** Drops all locks and the waiting request, then runs the grant loop on each granule touched. */
    void releaseAll(int txn) {
        List<Long> touched = new ArrayList<>(held.getOrDefault(txn, Set.of()));
        Long waited = waitingOn.remove(txn);
        if (waited != null) {
            queues.get(waited).waiters.removeIf(w -> w[0] == txn);
            if (!touched.contains(waited)) {
                touched.add(waited);
            }
        }
        held.remove(txn);
        for (long g : touched) {
            queues.get(g).holders.remove(txn);
        }
        for (long g : touched) {
            grantLoop(g);
        }
    }

    /** Transactions granted by releases since the last call, in order. */
    List<Integer> takeGrants() {
        List<Integer> taken = new ArrayList<>(grants);
        grants.clear();
        return taken;
    }

    boolean isWaiting(int txn) {
        return waitingOn.containsKey(txn);
    }

    int heldCount(int txn) {
        return held.getOrDefault(txn, Set.of()).size();
    }

    int lockedGranules() {
        return (int) queues.values().stream().filter(q -> !q.holders.isEmpty()).count();
    }

    int waitingTxns() {
        return waitingOn.size();
    }

    int totalHeld() {
        return held.values().stream().mapToInt(Set::size).sum();
    }

    int activeTxns() {
        Set<Integer> txns = new HashSet<>(waitingOn.keySet());
        held.forEach((txn, set) -> {
            if (!set.isEmpty()) {
                txns.add(txn);
            }
        });
        return txns.size();
    }

    int heldByWaiting() {
        return waitingOn.keySet().stream().mapToInt(this::heldCount).sum();
    }

    Set<Integer> activeSet() {
        Set<Integer> txns = new HashSet<>(waitingOn.keySet());
        txns.addAll(held.keySet());
        return txns;
    }

    /** Whether some granule has two holders of which at least one is exclusive. */
    boolean incompatibleHolders() {
        for (Queue q : queues.values()) {
            if (q.holders.size() > 1 && q.holders.containsValue(EXCLUSIVE)) {
                return true;
            }
        }
        return false;
    }

    /** The waits-for graph: each waiting txn to its incompatible holders and incompatible requests ahead. */
    Map<Integer, Set<Integer>> waitsFor() {
        Map<Integer, Set<Integer>> graph = new HashMap<>();
        waitingOn.forEach((txn, granule) -> {
            Queue q = queues.get(granule);
            Set<Integer> blockers = new HashSet<>();
            int mode = -1;
            for (int[] w : q.waiters) {
                if (w[0] == txn) {
                    mode = w[1];
                    break;
                }
            }
            for (Map.Entry<Integer, Integer> h : q.holders.entrySet()) {
                if (h.getKey() != txn && !compatible(h.getValue(), mode)) {
                    blockers.add(h.getKey());
                }
            }
            for (int[] w : q.waiters) {
                if (w[0] == txn) {
                    break;
                }
                if (!compatible(w[1], mode)) {
                    blockers.add(w[0]);
                }
            }
            graph.put(txn, blockers);
        });
        return graph;
    }

    /** Whether {@code to} can be reached from {@code from} by one or more edges. */
    static boolean reachable(Map<Integer, Set<Integer>> graph, int from, int to) {
        Set<Integer> seen = new HashSet<>();
        List<Integer> todo = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            int txn = todo.remove(todo.size() - 1);
            if (txn == to) {
                return true;
            }
            if (seen.add(txn)) {
                todo.addAll(graph.getOrDefault(txn, Set.of()));
            }
        }
        return false;
    }

    /** Whether the graph has a cycle anywhere. */
    static boolean hasCycle(Map<Integer, Set<Integer>> graph) {
        return graph.keySet().stream().anyMatch(txn -> reachable(graph, txn, txn));
    }

    private boolean tryGrant(int txn, long granule, int mode) {
        Queue q = queues.computeIfAbsent(granule, g -> new Queue());
        Integer own = q.holders.get(txn);
        if (own != null && own >= mode) {
            return true;
        }
        boolean ok = own != null
                ? q.holders.size() == 1
                : q.waiters.isEmpty() && q.holders.values().stream().allMatch(h -> compatible(h, mode));
        if (ok) {
            q.holders.put(txn, mode);
            held.computeIfAbsent(txn, t -> new LinkedHashSet<>()).add(granule);
        } else if (q.holders.isEmpty() && q.waiters.isEmpty()) {
            queues.remove(granule);
        }
        return ok;
    }

    private void grantLoop(long granule) {
        Queue q = queues.get(granule);
        while (!q.waiters.isEmpty()) {
            int txn = q.waiters.get(0)[0];
            int mode = q.waiters.get(0)[1];
            boolean upgrade = q.holders.containsKey(txn);
            boolean ok = upgrade
                    ? q.holders.size() == 1
                    : q.holders.values().stream().allMatch(h -> compatible(h, mode));
            if (!ok) {
                break;
            }
            q.waiters.remove(0);
            q.holders.put(txn, mode);
            held.computeIfAbsent(txn, t -> new LinkedHashSet<>()).add(granule);
            waitingOn.remove(txn);
            grants.add(txn);
        }
        if (q.holders.isEmpty()) {
            queues.remove(granule);
        }
    }

    private static boolean compatible(int a, int b) {
        return a == SHARED && b == SHARED;
    }
}
