package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deadlock search's cost does not grow with the queue: behind one hot row held by a transaction
 * that itself waits for a running one, each new waiter (holding a row of its own, in shared or
 * exclusive mode by turns) is searched in the same number of steps whether 10 or 20,000 wait ahead
 * of it. Walking the queue, as the search once did, costs steps in proportion to the waiters ahead
 * for every waiter met: about a hundred million for the last of 20,000.
 */
final class LockManagerSearchCostTest {
    private static final long HOT = 1, OTHER = 2;
    private static final int HOLDER = 0, RUNNING = 1;

    /** Steps of the search of one more waiter behind {@code ahead} others. */
    private static long stepsOfTheNextWait(int ahead) {
        LockManager locks = new LockManager(16, 16, txn -> {});
        locks.acquire(RUNNING, OTHER, EXCLUSIVE);
        locks.acquire(HOLDER, HOT, EXCLUSIVE);
        assertThat(locks.acquire(HOLDER, OTHER, EXCLUSIVE)).isEqualTo(WAITING);
        int txn = 2;
        for (int i = 0; i < ahead; i++, txn++) {
            locks.acquire(txn, 1000 + txn, EXCLUSIVE);
            assertThat(locks.acquire(txn, HOT, i % 2 == 0 ? SHARED : EXCLUSIVE)).isEqualTo(WAITING);
        }
        locks.acquire(txn, 1000 + txn, EXCLUSIVE);
        long before = locks.searchSteps();
        assertThat(locks.acquire(txn, HOT, EXCLUSIVE)).isEqualTo(WAITING);
        return locks.searchSteps() - before;
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000})
    void aWaitBehindALongQueueIsSearchedInAsManyStepsAsBehindAShortOne(int ahead) {
        long shortQueue = stepsOfTheNextWait(10);

        assertThat(stepsOfTheNextWait(ahead)).isEqualTo(shortQueue);
        // the requester, the holder, and the running transaction: each popped once, one holder each
        assertThat(shortQueue).isLessThanOrEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20_000})
    void aDelayedSearchFromTheHeadOfALongQueueIsAsCheap(int behind) {
        LockManager locks = new LockManager(16, 16, txn -> {});
        locks.acquire(RUNNING, OTHER, EXCLUSIVE);
        locks.acquire(HOLDER, HOT, EXCLUSIVE);
        locks.acquireUnsearched(HOLDER, OTHER, EXCLUSIVE);
        int head = 2;
        locks.acquireUnsearched(head, HOT, EXCLUSIVE);
        for (int txn = head + 1; txn < head + 1 + behind; txn++) {
            locks.acquire(txn, 1000 + txn, EXCLUSIVE);
            locks.acquireUnsearched(txn, HOT, EXCLUSIVE);
        }
        long before = locks.searchSteps();

        assertThat(locks.deadlocked(head)).isFalse();
        assertThat(locks.searchSteps() - before).isLessThanOrEqualTo(6);
    }
}
