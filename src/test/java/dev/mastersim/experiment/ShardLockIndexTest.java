package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With shards, each shard's lock table on each table has its own figures and its own load index. */
@ExperimentScale
final class ShardLockIndexTest {
    /**
     * Two shards; every write locks the one row of {@code counter} (which lives on one shard) and a
     * uniformly drawn row of {@code items} (on either), in that order. The one row is held 4 ms (its
     * lock's CPU, then the round trip before the commit) by 150 writes a second: busy 60% of the time
     * on its shard and never on the other, so the index is that shard's.
     */
    private static final String HOT_ON_ONE_SHARD =
            """
            version: 1
            traffic: {rate: 150}
            tables: {counter: {rows: 1}, items: {rows: 100_000}}
            requests:
              - name: bump
                share: 1
                write:
                  steps:
                    - {table: items, locks: 1, exclusive: 100%}
                    - {table: counter, locks: 1, exclusive: 100%}
                  cpu_per_lock: {dist: constant, value: 1ms}
                  roundtrip: {dist: constant, value: 3ms}
            master: {cores: 0, flush: 0ms, shards: 2, cross_shard: 100%, lock_wait_timeout: 2s}
            replicas: {count: 0}
            run: {duration: 30s, warmup: 5s, replications: 3, seed: 5}
            """;

    @Test
    void theHotRowsShardNamesItsLockTable() throws Exception {
        Scenario s = ScenarioLoader.parse(HOT_ON_ONE_SHARD, "shards.yaml", List.of());
        RunSettings set = RunSettings.of(s);
        RunResult r = Experiment.run(s, Experiment.peakLoad(s, 0, set), set);

        // the shard the one row hashes to is the one whose lock table on counter was ever tried
        String hot = null;
        for (String shard : List.of("shard-1", "shard-2")) {
            if (r.mean("locks", "counter", shard, "held_mean") > 0) {
                assertThat(hot).as("the one row lives on one shard").isNull();
                hot = shard;
            }
        }
        assertThat(hot).isNotNull();
        String cold = hot.equals("shard-1") ? "shard-2" : "shard-1";

        assertThat(r.verdict().bottleneck()).isEqualTo(hot + ".locks:counter");
        assertThat(r.verdict().indices()).doesNotContainKey("master.locks:counter");
        assertThat(r.verdict().indices()).containsKeys(hot + ".locks:items", cold + ".locks:items");
        assertThat(r.verdict().indices().get(cold + ".locks:counter")).isZero();

        // its busy fraction is throughput x hold time (the row held from its grant to the commit)
        Figure busy = r.figure("locks", "counter", hot, "hot_granule_busy");
        double expected = r.mean("all", "throughput_per_s") * 0.004;
        assertThat(busy.mean()).isCloseTo(expected, offset(busy.ci95() + 0.01 * expected));
        assertThat(r.verdict().indices().get(hot + ".locks:counter")).isGreaterThanOrEqualTo(busy.mean() / 0.9 - 1e-12);
        // the table over both shards is the sum of its shards' levels
        assertThat(r.mean("locks", "items", "held_mean"))
                .isCloseTo(
                        r.mean("locks", "items", "shard-1", "held_mean")
                                + r.mean("locks", "items", "shard-2", "held_mean"),
                        offset(1e-9));
    }
}
