package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.DEADLOCK;
import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.GRANTED;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LockManagerTest {
    private final List<Integer> granted = new ArrayList<>();
    private final LockManager lm = new LockManager(4, 4, granted::add);

    @Test
    void sharedLocksAreCompatible() {
        assertThat(lm.acquire(1, 7, SHARED)).isEqualTo(GRANTED);
        assertThat(lm.acquire(2, 7, SHARED)).isEqualTo(GRANTED);
        assertThat(lm.totalHeld()).isEqualTo(2);
    }

    @Test
    void exclusiveWaitsBehindShared() {
        lm.acquire(1, 7, SHARED);
        assertThat(lm.acquire(2, 7, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(lm.isWaiting(2)).isTrue();
    }

    @Test
    void sharedBehindAWaitingExclusiveWaits() {
        lm.acquire(1, 7, SHARED);
        lm.acquire(2, 7, EXCLUSIVE);
        assertThat(lm.acquire(3, 7, SHARED)).isEqualTo(WAITING);
    }

    @Test
    void reentrantRequestsAreGrantedAtOnce() {
        lm.acquire(1, 7, EXCLUSIVE);
        assertThat(lm.acquire(1, 7, SHARED)).isEqualTo(GRANTED);
        assertThat(lm.acquire(1, 7, EXCLUSIVE)).isEqualTo(GRANTED);
        assertThat(lm.heldCount(1)).isEqualTo(1);
    }

    @Test
    void soleHolderUpgradesAtOnce() {
        lm.acquire(1, 7, SHARED);
        assertThat(lm.acquire(1, 7, EXCLUSIVE)).isEqualTo(GRANTED);
        assertThat(lm.acquire(2, 7, SHARED)).isEqualTo(WAITING);
    }

    @Test
    void upgradeWaitsAheadOfOtherWaitersAndIsGrantedFirst() {
        lm.acquire(1, 7, SHARED);
        lm.acquire(2, 7, SHARED);
        assertThat(lm.acquire(3, 7, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(lm.acquire(1, 7, EXCLUSIVE)).isEqualTo(WAITING);
        lm.releaseAll(2);
        assertThat(granted).containsExactly(1);
        assertThat(lm.isWaiting(3)).isTrue();
    }

    @Test
    void twoUpgradersDeadlock() {
        lm.acquire(1, 7, SHARED);
        lm.acquire(2, 7, SHARED);
        assertThat(lm.acquire(1, 7, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(lm.acquire(2, 7, EXCLUSIVE)).isEqualTo(DEADLOCK);
        assertThat(lm.isWaiting(2)).isFalse();
    }

    @Test
    void twoTransactionCycleIsADeadlockForTheRequester() {
        lm.acquire(1, 1, EXCLUSIVE);
        lm.acquire(2, 2, EXCLUSIVE);
        assertThat(lm.acquire(1, 2, EXCLUSIVE)).isEqualTo(WAITING);
        assertThat(lm.acquire(2, 1, EXCLUSIVE)).isEqualTo(DEADLOCK);
        lm.releaseAll(2);
        assertThat(granted).containsExactly(1);
    }

    @Test
    void threeTransactionCycleIsFound() {
        lm.acquire(1, 1, EXCLUSIVE);
        lm.acquire(2, 2, EXCLUSIVE);
        lm.acquire(3, 3, EXCLUSIVE);
        assertThat(lm.acquire(1, 2, SHARED)).isEqualTo(WAITING);
        assertThat(lm.acquire(2, 3, SHARED)).isEqualTo(WAITING);
        assertThat(lm.acquire(3, 1, SHARED)).isEqualTo(DEADLOCK);
    }

    @Test
    void releaseGrantsAllCompatibleWaitersInOrder() {
        lm.acquire(1, 7, EXCLUSIVE);
        lm.acquire(2, 7, SHARED);
        lm.acquire(3, 7, SHARED);
        lm.acquire(4, 7, EXCLUSIVE);
        lm.releaseAll(1);
        assertThat(granted).containsExactly(2, 3);
        assertThat(lm.isWaiting(4)).isTrue();
    }

    @Test
    void abortOfAWaiterUnblocksThoseBehindIt() {
        lm.acquire(1, 7, SHARED);
        lm.acquire(2, 7, EXCLUSIVE);
        lm.acquire(3, 7, SHARED);
        lm.releaseAll(2);
        assertThat(granted).containsExactly(3);
    }

    @Test
    void noWaitReportsAConflictAndQueuesNothing() {
        lm.acquire(1, 7, EXCLUSIVE);
        assertThat(lm.acquireNoWait(2, 7, SHARED)).isEqualTo(LockManager.CONFLICT);
        assertThat(lm.isWaiting(2)).isFalse();
        lm.releaseAll(1);
        assertThat(granted).isEmpty();
        assertThat(lm.lockedGranules()).isZero();
    }

    @Test
    void countsReturnToZeroAfterEveryoneFinishes() {
        for (int t = 0; t < 50; t++) {
            lm.acquire(t, t % 5, t % 2);
        }
        for (int t = 0; t < 50; t++) {
            lm.releaseAll(t);
        }
        assertThat(lm.totalHeld()).isZero();
        assertThat(lm.waitingTxns()).isZero();
        assertThat(lm.lockedGranules()).isZero();
    }
}
