package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Simulation;
import dev.mastersim.model.lock.LockManager;
import org.junit.jupiter.api.Test;

/** The concurrency controls on hand-made transactions: what each grants, and what optimistic validation rejects. */
final class ConcurrencyControlTest {
    private static final long PAGE_7_OF_TABLE_0 = 7;
    private static final long ROW_3_OF_TABLE_1 = (1L << KeyChooser.TABLE_SHIFT) | 3;

    /** A job whose transaction locks {@code granules[i]} of table {@code tables[i]} on {@code shards[i]}. */
    private static Job txn(int id, double start, long[] granules, int[] tables, int[] shards) {
        Job j = new Job(id, 2);
        j.ensureLocks(granules.length);
        for (int i = 0; i < granules.length; i++) {
            j.granule[i] = granules[i];
            j.tableOf[i] = tables[i];
            j.shardOf[i] = shards[i];
            j.mode[i] = LockManager.EXCLUSIVE;
            j.addParticipant(shards[i]);
        }
        j.locks = granules.length;
        j.attemptStart = start;
        return j;
    }

    private static Job txn(int id, double start, long granule, int shard) {
        return txn(id, start, new long[] {granule}, new int[] {0}, new int[] {shard});
    }

    @Test
    void optimisticValidationRejectsAGranuleWrittenSinceTheAttemptBegan() {
        ConcurrencyControl cc = new ConcurrencyControl.Optimistic();
        cc.committed(txn(0, 0.0, PAGE_7_OF_TABLE_0, 0), 1.0);

        assertThat(cc.conflictingLock(txn(1, 0.5, PAGE_7_OF_TABLE_0, 0))).isZero();
        assertThat(cc.conflictingLock(txn(2, 1.5, PAGE_7_OF_TABLE_0, 0)))
                .as("began after the write committed")
                .isEqualTo(-1);
    }

    @Test
    void optimisticValidationKeepsShardsApart() {
        // page 7 of shard 0 and page 7 of shard 1 are different pages (each shard has its own)
        ConcurrencyControl cc = new ConcurrencyControl.Optimistic();
        cc.committed(txn(0, 0.0, PAGE_7_OF_TABLE_0, 0), 1.0);

        assertThat(cc.conflictingLock(txn(1, 0.5, PAGE_7_OF_TABLE_0, 1))).isEqualTo(-1);
    }

    @Test
    void optimisticValidationNamesTheLockThatConflicted() {
        ConcurrencyControl cc = new ConcurrencyControl.Optimistic();
        cc.committed(txn(0, 0.0, ROW_3_OF_TABLE_1, 0), 1.0);
        Job j = txn(1, 0.5, new long[] {PAGE_7_OF_TABLE_0, ROW_3_OF_TABLE_1}, new int[] {0, 1}, new int[] {0, 0});

        assertThat(cc.conflictingLock(j)).isEqualTo(1);
        assertThat(j.tableOf[cc.conflictingLock(j)]).isEqualTo(1);
    }

    @Test
    void lockingGrantsOnEachShardsOwnTableAndNoWaitRefusesAConflict() {
        Simulation sim = new Simulation();
        ConcurrencyControl locking = ConcurrencyControl.of(
                dev.mastersim.scenario.Concurrency.LOCKING,
                2,
                false,
                sim,
                (type, arg) -> {},
                new LockStats(new String[] {"t"}, new String[] {"shard-1", "shard-2"}));
        ConcurrencyControl noWait = ConcurrencyControl.of(
                dev.mastersim.scenario.Concurrency.NO_WAIT,
                2,
                false,
                sim,
                (type, arg) -> {},
                new LockStats(new String[] {"t"}, new String[] {"shard-1", "shard-2"}));
        for (ConcurrencyControl cc : new ConcurrencyControl[] {locking, noWait}) {
            assertThat(cc.acquire(txn(0, 0, PAGE_7_OF_TABLE_0, 0), 0)).isEqualTo(LockManager.GRANTED);
            assertThat(cc.acquire(txn(1, 0, PAGE_7_OF_TABLE_0, 1), 0))
                    .as("the same granule on the other shard")
                    .isEqualTo(LockManager.GRANTED);
        }
        assertThat(locking.acquire(txn(2, 0, PAGE_7_OF_TABLE_0, 0), 0)).isEqualTo(LockManager.WAITING);
        assertThat(noWait.acquire(txn(2, 0, PAGE_7_OF_TABLE_0, 0), 0)).isEqualTo(LockManager.CONFLICT);
    }
}
