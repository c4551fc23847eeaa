package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.CONFLICT;
import static dev.mastersim.model.lock.LockManager.DEADLOCK;
import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.GRANTED;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LockManagerTest {
    private static final int A = 0, B = 1, C = 2, D = 3;
    private static final long G1 = 101, G2 = 202, G3 = 303;

    private final List<Integer> granted = new ArrayList<>();
    private final LockManager locks = new LockManager(4, 4, granted::add);

    @Test
    void sharedRequestsAreCompatible() {
        assertThat(locks.acquire(A, G1, SHARED)).isEqualTo(GRANTED);
        assertThat(locks.acquire(B, G1, SHARED)).isEqualTo(GRANTED);
        assertThat(locks.totalHeld()).isEqualTo(2);
        assertThat(locks.lockedGranules()).isEqualTo(1);
    }

    @Test
    void exclusiveWaitsBehindShared() {
        locks.acquire(A, G1, SHARED);
        assertThat(locks.acquire(B, G1, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(locks.isWaiting(B)).isTrue();
        assertThat(locks.waitingTxns()).isEqualTo(1);
    }

    @Test
    void sharedWaitsBehindExclusive() {
        locks.acquire(A, G1, EXCLUSIVE);
        assertThat(locks.acquire(B, G1, SHARED)).isEqualTo(WAITING);
    }

    @Test
    void exclusiveWaitsBehindExclusive() {
        locks.acquire(A, G1, EXCLUSIVE);
        assertThat(locks.acquire(B, G1, EXCLUSIVE)).isEqualTo(WAITING);
    }

    @Test
    void sharedBehindWaitingExclusiveWaits() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, EXCLUSIVE);
        assertThat(locks.acquire(C, G1, SHARED)).isEqualTo(WAITING);
    }

    @Test
    void reentrantRequestInSameModeIsGrantedWithoutSecondLock() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, SHARED);
        assertThat(locks.acquire(A, G1, EXCLUSIVE)).isEqualTo(GRANTED);
        assertThat(locks.heldCount(A)).isEqualTo(1);
        assertThat(locks.totalHeld()).isEqualTo(1);
    }

    @Test
    void sharedRequestByExclusiveHolderIsGranted() {
        locks.acquire(A, G1, EXCLUSIVE);
        assertThat(locks.acquire(A, G1, SHARED)).isEqualTo(GRANTED);
        assertThat(locks.heldCount(A)).isEqualTo(1);
    }

    @Test
    void sharedHolderPassesQueueWhenReentrant() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, EXCLUSIVE);
        assertThat(locks.acquire(A, G1, SHARED)).isEqualTo(GRANTED);
    }

    @Test
    void upgradeBySoleHolderIsGranted() {
        locks.acquire(A, G1, SHARED);
        assertThat(locks.acquire(A, G1, EXCLUSIVE)).isEqualTo(GRANTED);
        assertThat(locks.acquire(B, G1, SHARED)).isEqualTo(WAITING);
        assertThat(locks.heldCount(A)).isEqualTo(1);
    }

    @Test
    void upgradeWithOtherHoldersWaits() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, SHARED);
        assertThat(locks.acquire(A, G1, EXCLUSIVE)).isEqualTo(WAITING);
        locks.releaseAll(B);
        assertThat(granted).containsExactly(A);
        assertThat(locks.acquire(C, G1, SHARED)).isEqualTo(WAITING);
    }

    @Test
    void upgradeWaitsAheadOfQueuedRequests() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G1, EXCLUSIVE);
        assertThat(locks.acquire(A, G1, EXCLUSIVE)).isEqualTo(WAITING);
        locks.releaseAll(B);
        assertThat(granted).containsExactly(A);
        assertThat(locks.isWaiting(C)).isTrue();
    }

    @Test
    void twoUpgradersDeadlock() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, SHARED);
        assertThat(locks.acquire(A, G1, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(locks.acquire(B, G1, EXCLUSIVE)).isEqualTo(DEADLOCK);
        assertThat(locks.isWaiting(B)).isFalse();
        locks.releaseAll(B);
        assertThat(granted).containsExactly(A);
    }

    @Test
    void twoTransactionCycleIsDeadlockForTheRequester() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G2, EXCLUSIVE);
        assertThat(locks.acquire(A, G2, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(locks.acquire(B, G1, SHARED)).isEqualTo(DEADLOCK);
        assertThat(locks.isWaiting(A)).isTrue();
        assertThat(locks.isWaiting(B)).isFalse();
    }

    @Test
    void threeTransactionCycleIsDeadlock() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G2, EXCLUSIVE);
        locks.acquire(C, G3, EXCLUSIVE);
        assertThat(locks.acquire(A, G2, SHARED)).isEqualTo(WAITING);
        assertThat(locks.acquire(B, G3, SHARED)).isEqualTo(WAITING);
        assertThat(locks.acquire(C, G1, SHARED)).isEqualTo(DEADLOCK);
    }

    @Test
    void cycleThroughQueuedRequestAheadIsDeadlock() {
        // C waits for B's queued exclusive request, B waits for A, A asks for what C holds
        locks.acquire(A, G1, SHARED);
        locks.acquire(C, G2, EXCLUSIVE);
        locks.acquire(B, G1, EXCLUSIVE);
        assertThat(locks.acquire(C, G1, SHARED)).isEqualTo(WAITING);
        assertThat(locks.acquire(A, G2, SHARED)).isEqualTo(DEADLOCK);
    }

    @Test
    void waitWithoutCycleIsNotDeadlock() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G2, EXCLUSIVE);
        assertThat(locks.acquire(B, G1, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(locks.acquire(C, G2, EXCLUSIVE)).isEqualTo(WAITING);
    }

    @Test
    void deadlockLeavesNoTrace() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G2, EXCLUSIVE);
        locks.acquire(A, G2, EXCLUSIVE);
        locks.acquire(C, G1, SHARED);
        assertThat(locks.acquire(B, G1, EXCLUSIVE)).isEqualTo(DEADLOCK);
        assertThat(locks.waitingTxns()).isEqualTo(2);
        assertThat(locks.heldCount(B)).isEqualTo(1);
        // A release must grant C alone: B's withdrawn request is not in G1's queue
        locks.releaseAll(B);
        locks.releaseAll(A);
        assertThat(granted).containsExactly(A, C);
    }

    @Test
    void releaseGrantsExclusiveWaitersOneAtATimeInOrder() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, EXCLUSIVE);
        locks.acquire(C, G1, EXCLUSIVE);
        locks.releaseAll(A);
        assertThat(granted).containsExactly(B);
        locks.releaseAll(B);
        assertThat(granted).containsExactly(B, C);
    }

    @Test
    void releaseGrantsConsecutiveSharedWaitersTogether() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G1, SHARED);
        locks.acquire(D, G1, EXCLUSIVE);
        locks.releaseAll(A);
        assertThat(granted).containsExactly(B, C);
        assertThat(locks.isWaiting(D)).isTrue();
        assertThat(locks.totalHeld()).isEqualTo(2);
    }

    @Test
    void releaseGrantsAcrossGranulesInGrantOrder() {
        locks.acquire(A, G2, EXCLUSIVE);
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G2, SHARED);
        locks.releaseAll(A);
        assertThat(granted).containsExactly(C, B);
    }

    @Test
    void abortOfWaiterRemovesItsRequest() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, EXCLUSIVE);
        locks.releaseAll(B);
        assertThat(locks.isWaiting(B)).isFalse();
        assertThat(locks.waitingTxns()).isZero();
        locks.releaseAll(A);
        assertThat(granted).isEmpty();
        assertThat(locks.lockedGranules()).isZero();
    }

    @Test
    void abortOfWaiterUnblocksThoseBehindIt() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, EXCLUSIVE);
        locks.acquire(C, G1, SHARED);
        locks.releaseAll(B);
        assertThat(granted).containsExactly(C);
        assertThat(locks.heldCount(C)).isEqualTo(1);
    }

    @Test
    void abortOfUpgraderKeepsNoLocks() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G1, EXCLUSIVE);
        locks.acquire(A, G1, EXCLUSIVE);
        locks.releaseAll(A);
        assertThat(granted).isEmpty();
        locks.releaseAll(B);
        assertThat(granted).containsExactly(C);
    }

    @Test
    void listenerHearsEachGrantExactlyOnce() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(A, G2, EXCLUSIVE);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G2, SHARED);
        locks.acquire(D, G2, SHARED);
        locks.releaseAll(A);
        locks.releaseAll(B);
        locks.releaseAll(C);
        locks.releaseAll(D);
        assertThat(granted).containsExactly(B, C, D);
    }

    @Test
    void noWaitReportsConflictWithoutQueueing() {
        locks.acquire(A, G1, SHARED);
        assertThat(locks.acquireNoWait(B, G1, EXCLUSIVE)).isEqualTo(CONFLICT);
        assertThat(locks.isWaiting(B)).isFalse();
        assertThat(locks.acquireNoWait(C, G1, SHARED)).isEqualTo(GRANTED);
    }

    @Test
    void noWaitUpgradeConflictsUnlessSoleHolder() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, SHARED);
        assertThat(locks.acquireNoWait(A, G1, EXCLUSIVE)).isEqualTo(CONFLICT);
        locks.releaseAll(B);
        assertThat(locks.acquireNoWait(A, G1, EXCLUSIVE)).isEqualTo(GRANTED);
    }

    @Test
    void requestWhileWaitingBreaksTheContract() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G1, EXCLUSIVE);
        assertThatThrownBy(() -> locks.acquire(B, G2, SHARED)).isInstanceOf(AssertionError.class);
    }

    @Test
    void countersReturnToZeroWhenAllRelease() {
        locks.acquire(A, G1, SHARED);
        locks.acquire(B, G1, EXCLUSIVE);
        locks.acquire(A, G2, EXCLUSIVE);
        locks.acquire(C, G2, SHARED);
        locks.releaseAll(A);
        locks.releaseAll(B);
        locks.releaseAll(C);
        assertThat(new int[] {
                    locks.lockedGranules(),
                    locks.waitingTxns(),
                    locks.totalHeld(),
                    locks.activeTxns(),
                    locks.heldByWaiting()
                })
                .containsOnly(0);
    }

    @Test
    void activeAndHeldByWaitingTrackWaitingHolders() {
        locks.acquire(A, G1, EXCLUSIVE);
        locks.acquire(B, G2, EXCLUSIVE);
        locks.acquire(B, G3, SHARED);
        locks.acquire(B, G1, SHARED);
        locks.acquire(C, G2, SHARED);
        assertThat(locks.activeTxns()).isEqualTo(3);
        assertThat(locks.heldByWaiting()).isEqualTo(2);
    }

    @Test
    void growsBeyondInitialCapacities() {
        LockManager small = new LockManager(1, 1, granted::add);
        for (int txn = 0; txn < 100; txn++) {
            for (int i = 0; i < 10; i++) {
                assertThat(small.acquire(txn, txn * 1000L + i, EXCLUSIVE)).isEqualTo(GRANTED);
            }
        }
        assertThat(small.acquire(0, 99_000L, SHARED)).isEqualTo(WAITING);
        assertThat(small.lockedGranules()).isEqualTo(1000);
        for (int txn = 99; txn >= 0; txn--) {
            small.releaseAll(txn);
        }
        assertThat(small.totalHeld()).isZero();
        assertThat(small.lockedGranules()).isZero();
    }

    @Test
    void grantedLookupSurvivesRemovalsInProbeRuns() {
        // a table grown from two slots, every other granule removed: each remaining one is still found
        LockManager small = new LockManager(64, 2, granted::add);
        for (int txn = 0; txn < 64; txn++) {
            small.acquire(txn, txn * 64L, EXCLUSIVE);
        }
        for (int txn = 0; txn < 64; txn += 2) {
            small.releaseAll(txn);
        }
        for (int txn = 1; txn < 64; txn += 2) {
            assertThat(small.acquire(txn, txn * 64L, EXCLUSIVE)).isEqualTo(GRANTED);
            assertThat(small.acquireNoWait(txn - 1, txn * 64L, SHARED)).isEqualTo(CONFLICT);
        }
        assertThat(small.lockedGranules()).isEqualTo(32);
    }

    @Test
    void lookupSurvivesManyRemovalsInScrambledOrder() {
        // thousands of random granules collide in any sparse table; freeing them in a scrambled order
        // shifts entries back into holes, and every granule still locked must still be found
        int n = 4096;
        long[] key = new long[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            key[i] = random.nextLong(); // 64-bit draws: distinct in practice, checked by the grants
        }
        LockManager many = new LockManager(n + 1, 1, granted::add);
        for (int txn = 0; txn < n; txn++) {
            assertThat(many.acquire(txn, key[txn], EXCLUSIVE)).isEqualTo(GRANTED);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) ((i * 2654435761L) & (n - 1)); // an odd multiplier: a permutation of 0..n-1
        }
        for (int k = 0; k < n; k++) {
            many.releaseAll(order[k]);
            if (k % 256 == 255 || k >= n - 8) {
                for (int j = k + 1; j < n; j++) {
                    assertThat(many.acquireNoWait(n, key[order[j]], SHARED)).isEqualTo(CONFLICT);
                }
                assertThat(many.lockedGranules()).isEqualTo(n - k - 1);
            }
        }
        assertThat(many.lockedGranules()).isZero();
        for (int txn = 0; txn < n; txn++) {
            assertThat(many.acquire(txn, key[txn], EXCLUSIVE)).isEqualTo(GRANTED);
        }
        for (int txn = 0; txn < n; txn++) {
            assertThat(many.acquireNoWait(n, key[txn], SHARED)).isEqualTo(CONFLICT);
        }
        assertThat(many.lockedGranules()).isEqualTo(n);
    }
}
