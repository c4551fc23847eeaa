package dev.mastersim.model.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random lock workloads against {@link ReferenceLocks}: every call gives the reference's answer,
 * every deadlock is a real cycle and none is missed (the waits-for graph is acyclic after every
 * call), holders are always compatible, releases grant exactly the transactions the reference
 * grants, and once every transaction has ended nothing is held or waiting.
 */
final class LockManagerPropertyTest {
    @Property(tries = 400)
    void behavesLikeTheReference(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 999) Integer> ops, @ForAll boolean noWait) {
        List<Integer> granted = new ArrayList<>();
        LockManager lm = new LockManager(2, 2, granted::add);
        ReferenceLocks ref = new ReferenceLocks();
        int txns = 6;
        for (int op : ops) {
            int txn = op % txns;
            int kind = (op / txns) % 10;
            long granule = (op / 60) % 4;
            int mode = (op / 240) % 2;
            granted.clear();
            if (kind == 0) {
                lm.releaseAll(txn);
                ref.releaseAll(txn);
                assertThat(new TreeSet<>(granted)).isEqualTo(ref.lastGranted);
                assertThat(granted).doesNotHaveDuplicates();
            } else if (!ref.waitingOn.containsKey(txn)) {
                int got = noWait ? lm.acquireNoWait(txn, granule, mode) : lm.acquire(txn, granule, mode);
                int want = ref.acquire(txn, granule, mode, !noWait);
                assertThat(got)
                        .as("answer to txn %d on %d mode %d", txn, granule, mode)
                        .isEqualTo(want);
                if (got == LockManager.DEADLOCK) {
                    lm.releaseAll(txn);
                    ref.releaseAll(txn);
                }
            }
            assertThat(ref.hasCycle()).isFalse();
            assertThat(ref.holdersCompatible()).isTrue();
            assertThat(lm.totalHeld()).isEqualTo(ref.totalHeld());
            assertThat(lm.lockedGranules()).isEqualTo(ref.queues.size());
            for (int t = 0; t < txns; t++) {
                assertThat(lm.isWaiting(t)).isEqualTo(ref.waitingOn.containsKey(t));
                assertThat(lm.heldCount(t)).isEqualTo(ref.held(t));
            }
        }
        for (int t = 0; t < txns; t++) {
            lm.releaseAll(t);
            ref.releaseAll(t);
        }
        assertThat(lm.totalHeld()).isZero();
        assertThat(lm.waitingTxns()).isZero();
        assertThat(lm.lockedGranules()).isZero();
    }
}
