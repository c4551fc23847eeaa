package dev.mastersim.model.lock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An obviously correct, slow lock table (lists and maps) with the same semantics, for property tests. */
final class ReferenceLocks {
    static final class Req {
        final int txn;
        int mode;
        boolean granted;
        final boolean upgrade;

        Req(int txn, int mode, boolean granted, boolean upgrade) {
            this.txn = txn;
            this.mode = mode;
            this.granted = granted;
            this.upgrade = upgrade;
        }
    }

    final Map<Long, List<Req>> queues = new LinkedHashMap<>();
    final Map<Integer, Long> waitingOn = new HashMap<>();
    final Set<Integer> lastGranted = new TreeSet<>();

    static boolean conflict(int a, int b) {
        return a == LockManager.EXCLUSIVE || b == LockManager.EXCLUSIVE;
    }

    int acquire(int txn, long g, int mode, boolean mayWait) {
        List<Req> q = queues.computeIfAbsent(g, k -> new ArrayList<>());
        Req mine = q.stream().filter(r -> r.txn == txn && r.granted).findFirst().orElse(null);
        if (mine != null && mine.mode >= mode) {
            return LockManager.GRANTED;
        }
        boolean othersHold = q.stream().anyMatch(r -> r.granted && r.txn != txn);
        if (mine != null && !othersHold) {
            mine.mode = mode;
            return LockManager.GRANTED;
        }
        boolean conflict = q.stream().anyMatch(r -> r.granted && r.txn != txn && conflict(r.mode, mode));
        boolean waiters = q.stream().anyMatch(r -> !r.granted);
        if (mine == null && !conflict && !waiters) {
            q.add(new Req(txn, mode, true, false));
            return LockManager.GRANTED;
        }
        if (!mayWait) {
            if (q.isEmpty()) {
                queues.remove(g);
            }
            return LockManager.CONFLICT;
        }
        Req w = new Req(txn, mode, false, mine != null);
        if (mine != null) {
            int i = 0;
            while (i < q.size() && q.get(i).granted) {
                i++;
            }
            q.add(i, w);
        } else {
            q.add(w);
        }
        waitingOn.put(txn, g);
        if (reachable(txn)) {
            q.remove(w);
            waitingOn.remove(txn);
            return LockManager.DEADLOCK;
        }
        return LockManager.WAITING;
    }

    Set<Integer> blockers(int txn) {
        Set<Integer> out = new HashSet<>();
        Long g = waitingOn.get(txn);
        if (g == null) {
            return out;
        }
        List<Req> q = queues.get(g);
        Req w = q.stream().filter(r -> r.txn == txn && !r.granted).findFirst().orElseThrow();
        for (Req r : q) {
            if (r == w) {
                break;
            }
            if (r.txn != txn && conflict(r.mode, w.mode)) {
                out.add(r.txn);
            }
        }
        return out;
    }

    boolean reachable(int start) {
        ArrayDeque<Integer> todo = new ArrayDeque<>(blockers(start));
        Set<Integer> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            int t = todo.pop();
            if (t == start) {
                return true;
            }
            if (seen.add(t)) {
                todo.addAll(blockers(t));
            }
        }
        return false;
    }

    boolean hasCycle() {
        for (int t : waitingOn.keySet()) {
            if (reachable(t)) {
                return true;
            }
        }
        return false;
    }

    void releaseAll(int txn) {
        lastGranted.clear();
        waitingOn.remove(txn);
        for (Map.Entry<Long, List<Req>> e : new ArrayList<>(queues.entrySet())) {
            List<Req> q = e.getValue();
            if (!q.removeIf(r -> r.txn == txn)) {
                continue;
            }
            while (true) {
                Req w = q.stream().filter(r -> !r.granted).findFirst().orElse(null);
                if (w == null) {
                    break;
                }
                boolean ok = q.stream().noneMatch(r -> r.granted && r.txn != w.txn && conflict(r.mode, w.mode));
                if (!ok) {
                    break;
                }
                if (w.upgrade) {
                    q.stream()
                            .filter(r -> r.granted && r.txn == w.txn)
                            .findFirst()
                            .orElseThrow()
                            .mode = w.mode;
                    q.remove(w);
                } else {
                    w.granted = true;
                }
                waitingOn.remove(w.txn);
                lastGranted.add(w.txn);
            }
            if (q.isEmpty()) {
                queues.remove(e.getKey());
            }
        }
    }

    int held(int txn) {
        int n = 0;
        for (List<Req> q : queues.values()) {
            for (Req r : q) {
                if (r.granted && r.txn == txn) {
                    n++;
                }
            }
        }
        return n;
    }

    int totalHeld() {
        int n = 0;
        for (List<Req> q : queues.values()) {
            for (Req r : q) {
                if (r.granted) {
                    n++;
                }
            }
        }
        return n;
    }

    boolean holdersCompatible() {
        for (List<Req> q : queues.values()) {
            long holders = q.stream().filter(r -> r.granted).count();
            boolean x = q.stream().anyMatch(r -> r.granted && r.mode == LockManager.EXCLUSIVE);
            if (x && holders > 1) {
                return false;
            }
        }
        return true;
    }
}
