package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.DEADLOCK;
import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of acquire, acquireNoWait and releaseAll, run against {@link ReferenceLockTable}
 * step by step; the reference decides deadlock by looking for a cycle in its whole waits-for graph.
 */
final class LockManagerPropertyTest {
    private static final int ACQUIRE = 0, NO_WAIT = 1, RELEASE = 2, SEARCH = 3;
    private static final long[] GRANULES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 64, 4096, 1L << 40};

    /** One step of a workload. */
    record Step(int kind, int txn, long granule, int mode) {}

    @Property(tries = 400)
    void agreesWithReferenceUnderHeavyContention(@ForAll("hot") List<Step> steps) {
        replay(steps, 6);
    }

    @Property(tries = 200)
    void agreesWithReferenceOverManyTransactions(@ForAll("wide") List<Step> steps) {
        replay(steps, 24);
    }

    @Property(tries = 400)
    void delayedSearchAgreesWithReferenceUnderHeavyContention(@ForAll("hotDelayed") List<Step> steps) {
        replayDelayed(steps, 6);
    }

    @Property(tries = 200)
    void delayedSearchAgreesWithReferenceOverManyTransactions(@ForAll("wideDelayed") List<Step> steps) {
        replayDelayed(steps, 24);
    }

    @Provide
    Arbitrary<List<Step>> hotDelayed() {
        return delayedSteps(6, 3);
    }

    @Provide
    Arbitrary<List<Step>> wideDelayed() {
        return delayedSteps(24, GRANULES.length);
    }

    @Provide
    Arbitrary<List<Step>> hot() {
        return steps(6, 3);
    }

    @Provide
    Arbitrary<List<Step>> wide() {
        return steps(24, GRANULES.length);
    }

    private static Arbitrary<List<Step>> steps(int txns, int granules) {
        Arbitrary<Integer> kind =
                Arbitraries.frequency(Tuple.of(6, ACQUIRE), Tuple.of(1, NO_WAIT), Tuple.of(2, RELEASE));
        return Combinators.combine(
                        kind,
                        Arbitraries.integers().between(0, txns - 1),
                        Arbitraries.integers().between(0, granules - 1).map(i -> GRANULES[i]),
                        Arbitraries.of(SHARED, EXCLUSIVE))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(120);
    }

    private static Arbitrary<List<Step>> delayedSteps(int txns, int granules) {
        Arbitrary<Integer> kind = Arbitraries.frequency(
                Tuple.of(6, ACQUIRE), Tuple.of(1, NO_WAIT), Tuple.of(1, RELEASE), Tuple.of(2, SEARCH));
        return Combinators.combine(
                        kind,
                        Arbitraries.integers().between(0, txns - 1),
                        Arbitraries.integers().between(0, granules - 1).map(i -> GRANULES[i]),
                        Arbitraries.of(SHARED, EXCLUSIVE))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(120);
    }

    /**
     * Waits searched later, as with a deadlock timeout: cycles stay in the graph until a search from one
     * of their members finds it; each search must agree with the reference's whole graph, and the
     * victim's release must leave the same state.
     */
    private static void replayDelayed(List<Step> steps, int txns) {
        List<Integer> heard = new ArrayList<>();
        LockManager locks = new LockManager(1, 1, heard::add);
        ReferenceLockTable reference = new ReferenceLockTable();
        for (Step step : steps) {
            int txn = step.txn();
            if (step.kind() == SEARCH) {
                search(txn, locks, reference);
            } else if (step.kind() == RELEASE || reference.isWaiting(txn)) {
                release(txn, locks, reference);
            } else if (step.kind() == NO_WAIT) {
                assertThat(locks.acquireNoWait(txn, step.granule(), step.mode()))
                        .as("acquireNoWait %s", step)
                        .isEqualTo(reference.acquireNoWait(txn, step.granule(), step.mode()));
            } else {
                assertThat(locks.acquireUnsearched(txn, step.granule(), step.mode()))
                        .as("acquireUnsearched %s", step)
                        .isEqualTo(reference.requestUnsearched(txn, step.granule(), step.mode()));
            }
            checkDelayed(locks, reference, heard, txns);
        }
        // finish: release a running transaction, or else the victim of a search
        while (!reference.activeSet().isEmpty()) {
            int next = reference.activeSet().stream()
                    .filter(txn -> !reference.isWaiting(txn))
                    .findFirst()
                    .orElse(-1);
            if (next >= 0) {
                release(next, locks, reference);
            } else {
                // everybody waits: some cycle is left, and each waiter's search agrees on whether it is on one
                int victim = -1;
                for (int txn : reference.activeSet()) {
                    boolean deadlocked = reference.deadlocked(txn);
                    assertThat(locks.deadlocked(txn)).as("deadlocked(%d)", txn).isEqualTo(deadlocked);
                    victim = deadlocked && victim < 0 ? txn : victim;
                }
                assertThat(victim).as("a cycle among the waiters").isNotNegative();
                search(victim, locks, reference);
            }
            checkDelayed(locks, reference, heard, txns);
        }
        assertThat(counters(locks)).as("counters at the end").containsOnly(0);
    }

    /** Searches from {@code txn} in both; a victim is released. Returns whether it was one. */
    private static boolean search(int txn, LockManager locks, ReferenceLockTable reference) {
        boolean deadlocked = reference.deadlocked(txn);
        assertThat(locks.deadlocked(txn))
                .as("deadlocked(%d) in %s", txn, reference.waitsFor())
                .isEqualTo(deadlocked);
        if (deadlocked) {
            release(txn, locks, reference);
        }
        return deadlocked;
    }

    private static void checkDelayed(LockManager locks, ReferenceLockTable reference, List<Integer> heard, int txns) {
        assertThat(heard).as("grants heard").isEqualTo(reference.takeGrants());
        heard.clear();
        for (int txn = 0; txn < txns; txn++) {
            assertThat(locks.isWaiting(txn)).as("isWaiting(%d)", txn).isEqualTo(reference.isWaiting(txn));
            assertThat(locks.heldCount(txn)).as("heldCount(%d)", txn).isEqualTo(reference.heldCount(txn));
        }
        assertThat(counters(locks)).as("counters").containsExactly(counters(reference));
        assertThat(reference.incompatibleHolders()).as("incompatible holders").isFalse();
        assertThat(reference.waitsFor().values())
                .as("waiting without a blocker")
                .noneMatch(Set::isEmpty);
    }

    /** Applies every step to both, checking after each; then finishes every transaction. */
    private static void replay(List<Step> steps, int txns) {
        List<Integer> heard = new ArrayList<>();
        LockManager locks = new LockManager(1, 1, heard::add);
        ReferenceLockTable reference = new ReferenceLockTable();
        for (Step step : steps) {
            apply(step, locks, reference);
            check(locks, reference, heard, txns);
        }
        drain(locks, reference, heard, txns);
    }

    private static void apply(Step step, LockManager locks, ReferenceLockTable reference) {
        int txn = step.txn();
        // a waiting transaction cannot ask again: it times out instead
        if (step.kind() == RELEASE || reference.isWaiting(txn)) {
            release(txn, locks, reference);
        } else if (step.kind() == NO_WAIT) {
            assertThat(locks.acquireNoWait(txn, step.granule(), step.mode()))
                    .as("acquireNoWait %s", step)
                    .isEqualTo(reference.acquireNoWait(txn, step.granule(), step.mode()));
        } else {
            assertThat(locks.acquire(txn, step.granule(), step.mode()))
                    .as("acquire %s", step)
                    .isEqualTo(expectedAcquire(step, reference));
        }
    }

    /** The reference's verdict: grant or enqueue, and deadlock iff the wait makes a cycle in the graph. */
    private static int expectedAcquire(Step step, ReferenceLockTable reference) {
        int result = reference.request(step.txn(), step.granule(), step.mode());
        if (result == WAITING && ReferenceLockTable.hasCycle(reference.waitsFor())) {
            reference.withdraw(step.txn());
            return DEADLOCK;
        }
        return result;
    }

    private static void release(int txn, LockManager locks, ReferenceLockTable reference) {
        locks.releaseAll(txn);
        reference.releaseAll(txn);
        assertThat(locks.heldCount(txn)).as("held after releaseAll(%d)", txn).isZero();
        assertThat(locks.isWaiting(txn)).as("waiting after releaseAll(%d)", txn).isFalse();
    }

    private static void check(LockManager locks, ReferenceLockTable reference, List<Integer> heard, int txns) {
        // the same grants, in the same order, each heard once
        assertThat(heard).as("grants heard").isEqualTo(reference.takeGrants());
        heard.clear();
        // the same state, transaction by transaction and in total
        for (int txn = 0; txn < txns; txn++) {
            assertThat(locks.isWaiting(txn)).as("isWaiting(%d)", txn).isEqualTo(reference.isWaiting(txn));
            assertThat(locks.heldCount(txn)).as("heldCount(%d)", txn).isEqualTo(reference.heldCount(txn));
        }
        assertThat(counters(locks)).as("counters").containsExactly(counters(reference));
        // invariants of the reference state, which the lock manager matches
        Map<Integer, Set<Integer>> graph = reference.waitsFor();
        assertThat(reference.incompatibleHolders()).as("incompatible holders").isFalse();
        assertThat(ReferenceLockTable.hasCycle(graph))
                .as("cycle left in %s", graph)
                .isFalse();
        assertThat(graph.values()).as("waiting without a blocker").noneMatch(Set::isEmpty);
    }

    /** Releases a running transaction at a time: everybody waiting must eventually be granted. */
    private static void drain(LockManager locks, ReferenceLockTable reference, List<Integer> heard, int txns) {
        while (!reference.activeSet().isEmpty()) {
            int running = reference.activeSet().stream()
                    .filter(txn -> !reference.isWaiting(txn))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("all active transactions wait forever"));
            release(running, locks, reference);
            check(locks, reference, heard, txns);
        }
        assertThat(counters(locks)).as("counters at the end").containsOnly(0);
    }

    private static int[] counters(LockManager locks) {
        return new int[] {
            locks.lockedGranules(), locks.waitingTxns(), locks.totalHeld(), locks.activeTxns(), locks.heldByWaiting()
        };
    }

    private static int[] counters(ReferenceLockTable reference) {
        return new int[] {
            reference.lockedGranules(),
            reference.waitingTxns(),
            reference.totalHeld(),
            reference.activeTxns(),
            reference.heldByWaiting()
        };
    }
}
