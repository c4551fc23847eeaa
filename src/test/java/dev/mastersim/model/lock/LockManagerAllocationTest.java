package dev.mastersim.model.lock;

import static dev.mastersim.model.lock.LockManager.DEADLOCK;
import static dev.mastersim.model.lock.LockManager.EXCLUSIVE;
import static dev.mastersim.model.lock.LockManager.SHARED;
import static dev.mastersim.model.lock.LockManager.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class LockManagerAllocationTest {
    private static final int TXNS = 16, LOCKS_PER_TXN = 6, GRANULES = 64, REQUESTS = 1 << 14;

    private final long[] granules = new long[REQUESTS];
    private final int[] modes = new int[REQUESTS];
    private int next;
    private long grants;

    @Test
    void steadyStateAllocatesNothingPerRequest() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < REQUESTS; i++) {
            granules[i] = random.nextInt(GRANULES);
            modes[i] = random.nextInt(2) == 0 ? SHARED : EXCLUSIVE;
        }
        LockManager locks = new LockManager(TXNS, GRANULES, txn -> grants++);
        run(locks, 50_000);

        long before = threads.getCurrentThreadAllocatedBytes();
        run(locks, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // 100 000 transactions make some 600 000 requests: even one 16-byte object per request would be 9 MB
        assertThat(grants).isPositive();
        assertThat(allocated).isLessThan(4096);
    }

    /** Contended transactions in rotation: each releases, then asks for its next locks until it waits. */
    private void run(LockManager locks, int transactions) {
        for (int t = 0; t < transactions; t++) {
            int txn = t & (TXNS - 1);
            locks.releaseAll(txn);
            for (int k = 0; k < LOCKS_PER_TXN; k++) {
                int i = next++ & (REQUESTS - 1);
                int result = locks.acquire(txn, granules[i], modes[i]);
                if (result == DEADLOCK) {
                    locks.releaseAll(txn);
                }
                if (result == WAITING || result == DEADLOCK) {
                    break;
                }
            }
        }
    }
}
