package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.model.lock.LockManager;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes acknowledged on enqueue, applied by writers in batches: full at once, partial at max_delay. */
final class WriteQueueTest {
    /** {@code users} users who each write at t = 1 s (and next at 2 s) into a queue of batches of {@code batch}. */
    private static Measurements run(int users, int batch, double until) throws Exception {
        String yaml =
                """
                version: 1
                traffic: {arrivals: closed, users: USERS, think: {dist: constant, value: 1s}}
                tables: {items: {rows: 1_000_000}}
                requests: [{name: w, share: 100%, write: {table: items, locks: 2}}]
                master: {flush: {dist: constant, value: 1ms}}
                replicas: {count: 0}
                write_queue: {enabled: true, batch: BATCH, max_delay: 50ms, writers: 1}
                """
                        .replace("USERS", Integer.toString(users))
                        .replace("BATCH", Integer.toString(batch));
        var s = ScenarioLoader.parse(yaml, "wq.yaml", List.of());
        return new DeploymentModel(s, new Load(1, false, 0.5, until - 0.5, 100), new RandomStreams(1, 0)).run();
    }

    private static double count(Measurements m, String... path) {
        return m.get(path) * m.get("run", "measured_s");
    }

    @Test
    void aFullBatchGoesAtOnceAsOneTransaction() throws Exception {
        Measurements m = run(5, 5, 1.01);
        assertThat(count(m, "all", "throughput_per_s"))
                .as("acknowledged on enqueue")
                .isCloseTo(5, offset(1e-9));
        assertThat(count(m, "run", "commits_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(m.get("write_queue", "delay_ms")).isZero();
        assertThat(m.get("stations", "master.disk", "throughput_per_s") * m.get("run", "measured_s"))
                .isCloseTo(1, offset(1e-9));
    }

    @Test
    void aPartialBatchWaitsForMaxDelay() throws Exception {
        Measurements early = run(3, 5, 1.04);
        Measurements late = run(3, 5, 1.06);
        assertThat(count(early, "run", "commits_per_s")).isZero();
        assertThat(early.get("run", "in_flight_end"))
                .as("the three users and their three queued writes")
                .isEqualTo(6);
        assertThat(count(late, "run", "commits_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(late.get("write_queue", "delay_ms")).isCloseTo(50, offset(1e-6));
    }

    @Test
    void aBatchLocksInShardThenGranuleOrderWithDuplicatesMergedIntoTheStrongestMode() {
        Job w = new Job(0, 1);
        long[] granules = {30, 10, 30, 20, 10};
        int[] shards = {0, 1, 0, 0, 1};
        int[] modes = {LockManager.SHARED, LockManager.SHARED, LockManager.EXCLUSIVE, LockManager.SHARED, 0};
        w.ensureLocks(granules.length);
        for (int i = 0; i < granules.length; i++) {
            w.granule[i] = granules[i];
            w.shardOf[i] = shards[i];
            w.mode[i] = modes[i];
        }
        w.locks = granules.length;

        WriteQueue.sortAndMergeLocks(w);

        assertThat(w.locks).isEqualTo(3);
        assertThat(java.util.Arrays.copyOf(w.shardOf, 3)).containsExactly(0, 0, 1);
        assertThat(java.util.Arrays.copyOf(w.granule, 3)).containsExactly(20L, 30L, 10L);
        assertThat(java.util.Arrays.copyOf(w.mode, 3))
                .containsExactly(LockManager.SHARED, LockManager.EXCLUSIVE, LockManager.SHARED);
    }
}
