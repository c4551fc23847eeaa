package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Rows spread evenly over the shards; a transaction's rows are co-located unless it is cross-shard. */
final class ShardMapTest {
    private static ShardMap shards(int n, double crossShard) {
        return new ShardMap(
                new Master(1, new Dist.Constant(0), true, 0, 50, n, crossShard),
                RandomSource.XO_SHI_RO_256_PP.create(5L));
    }

    private static Job txnOnRows(ShardMap map, long... rows) {
        Job j = new Job(9, 1);
        j.ensureLocks(rows.length);
        for (long r : rows) {
            j.shardOf[j.locks++] = map.shardOf(0, r);
        }
        return j;
    }

    @Test
    void rowsHashEvenlyOverTheShards() {
        ShardMap map = shards(4, 0);
        int rows = 100_000;
        int[] count = new int[4];
        for (long r = 0; r < rows; r++) {
            count[map.shardOf(0, r)]++;
        }
        double sd = Math.sqrt(rows * 0.25 * 0.75);
        for (int c : count) {
            assertThat((double) c).isBetween(rows * 0.25 - 4.5 * sd, rows * 0.25 + 4.5 * sd);
        }
    }

    @Test
    void aCoLocatedTransactionLivesOnItsFirstRowsShard() {
        ShardMap map = shards(4, 0);
        Job j = txnOnRows(map, 1, 2, 3, 4, 5, 6, 7, 8);
        int first = j.shardOf[0];
        map.colocate(j, 0, j.locks);
        ShardMap.enlist(j, 3);

        assertThat(j.shardOf).startsWith(first, first, first, first, first, first, first, first);
        assertThat(j.participantCount).isOne();
        assertThat(j.participants[0]).isEqualTo(first);
    }

    @Test
    void aCrossShardTransactionKeepsEachRowsShardAndListsThemInOrder() {
        ShardMap map = shards(4, 1.0);
        Job j = txnOnRows(map, 1, 2, 3, 4, 5, 6, 7, 8);
        int[] own = java.util.Arrays.copyOf(j.shardOf, j.locks);
        map.colocate(j, 0, j.locks);
        ShardMap.enlist(j, 3);

        assertThat(java.util.Arrays.copyOf(j.shardOf, j.locks)).containsExactly(own);
        int[] expected = java.util.Arrays.stream(own).distinct().sorted().toArray();
        assertThat(expected.length).as("eight rows land on several shards").isGreaterThan(1);
        assertThat(java.util.Arrays.copyOf(j.participants, j.participantCount)).containsExactly(expected);
    }

    @Test
    void oneShardNeedsNoDrawAndATransactionWithoutLocksUsesItsFallback() {
        ShardMap one = shards(1, 0.5);
        assertThat(one.shardOf(3, 12345)).isZero();
        assertThat(one.home(new Job(7, 1))).isZero();
        Job none = new Job(7, 1);
        ShardMap.enlist(none, 2);
        assertThat(none.participants[0]).isEqualTo(2);
        assertThat(shards(4, 0).home(new Job(7, 1))).isEqualTo(3);
    }
}
