package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bottleneck is the resource with the highest load index, whatever the order of the scenario's keys. */
@ExperimentScale
final class BottleneckIndexTest {
    private static RunResult run(String yaml) throws Exception {
        Scenario s = ScenarioLoader.parse(yaml, "index.yaml", List.of());
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    private static String forum(String tables) {
        return """
                version: 1
                traffic: {rate: 200}
                tables:
                %s
                requests:
                  - {name: read, share: 50%%, reads: 1, read_cost: 1ms}
                  - name: reply
                    share: 50%%
                    reads: 0
                    write:
                      steps:
                        - {table: threads, locks: 1, exclusive: 100%%, access: {dist: zipf, s: 1.1}}
                        - {table: counters, locks: 1, exclusive: 100%%}
                      cpu_per_lock: 200us
                      roundtrip: 1ms
                master: {cores: 8, flush: 0ms}
                replicas: {count: 1, cores: 8}
                run: {duration: 30s, warmup: 5s, replications: 3, seed: 1}
                """
                .formatted(tables);
    }

    /** A Zipf-hot threads table and a one-row counters table: the counters lock, in either order. */
    @Test
    void forumNamesTheCountersLockWhicheverOrderTheTablesAreWritten() throws Exception {
        RunResult threadsFirst = run(forum("  threads: {rows: 100_000}\n  counters: {rows: 1}"));
        RunResult countersFirst = run(forum("  counters: {rows: 1}\n  threads: {rows: 100_000}"));
        for (RunResult r : List.of(threadsFirst, countersFirst)) {
            assertThat(r.verdict().bottleneck()).isEqualTo("master.locks:counters");
            assertThat(r.verdict().indices().get("master.locks:counters"))
                    .isGreaterThan(r.verdict().indices().get("master.locks:threads"));
            assertThat(r.verdict().indices()).containsKeys("master.cpu", "replica-1.cpu", "pool:master");
        }
    }

    /** A master CPU past its capacity is the bottleneck. */
    @Test
    void cpuBoundOverloadNamesTheMasterCpu() {
        RunResult r = Experiment.run(
                TestScenarios.masterCpu(600, 1, new Dist.Constant(0.002), 30, 2),
                Experiment.peakLoad(
                        TestScenarios.masterCpu(600, 1, new Dist.Constant(0.002), 30, 2),
                        0,
                        RunSettings.of(TestScenarios.masterCpu(600, 1, new Dist.Constant(0.002), 30, 2))),
                RunSettings.of(TestScenarios.masterCpu(600, 1, new Dist.Constant(0.002), 30, 2)));
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().bottleneck()).isEqualTo("master.cpu");
    }

    private static String oneRow(String concurrency, double rate) {
        return """
                version: 1
                traffic: {rate: %s}
                tables: {counter: {rows: 1}}
                requests:
                  - name: bump
                    share: 1
                    write:
                      table: counter
                      locks: 1
                      exclusive: 100%%
                      cpu_per_lock: {dist: constant, value: 1ms}
                      roundtrip: {dist: constant, value: 4ms}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: 2s}
                concurrency: %s
                replicas: {count: 0}
                run: {duration: 30s, warmup: 5s, replications: 3, seed: 3}
                """
                .formatted(rate, concurrency);
    }

    /** Every write locks the one row exclusively, 25% more often than it can be held: the lock, not the pool. */
    @Test
    void oneRowLockThrashNamesItsLockTable() throws Exception {
        RunResult r = run(oneRow("locking", 250));
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().bottleneck()).isEqualTo("master.locks:counter");
        assertThat(r.verdict().indices().get("pool:master"))
                .isLessThan(r.verdict().indices().get("master.locks:counter"));
    }

    /** No-wait on the one row fails requests rather than queueing them: still the lock table, not the CPU. */
    @Test
    void noWaitNamesItsLockTable() throws Exception {
        RunResult r = run(oneRow("no-wait", 150));
        assertThat(r.mean("all", "error_rate")).isPositive();
        assertThat(r.verdict().bottleneck()).isEqualTo("master.locks:counter");
    }

    /**
     * The row is held 5 ms by each of 100 writes a second and nobody else: busy half of the time, and
     * its index is 0.5 ÷ slo.utilisation (Tay's single hot row: 1 when throughput × hold time reaches
     * slo.utilisation).
     */
    @Test
    void aHotRowsBusyFractionIsThroughputTimesHoldTime() throws Exception {
        RunResult r = run(oneRow("locking", 100));
        Figure busy = r.figure("locks", "counter", "hot_granule_busy");
        double expected = r.mean("all", "throughput_per_s") * 0.005;
        assertThat(busy.mean()).isCloseTo(expected, offset(busy.ci95() + 0.01 * expected));
        assertThat(r.verdict().indices().get("master.locks:counter")).isGreaterThanOrEqualTo(busy.mean() / 0.9 - 1e-12);
    }

    /** Connections held for app-side round trips that no database queue explains: the pool is the bottleneck. */
    @Test
    void aPoolTooSmallForUnqueuedWorkNamesThePool() throws Exception {
        RunResult r = run(
                """
                version: 1
                traffic: {rate: 250}
                tables: {items: {rows: 10_000_000}}
                requests:
                  - name: write
                    share: 1
                    write: {table: items, locks: 1, exclusive: 100%, cpu_per_lock: 1ms, roundtrip: 8ms}
                master: {cores: 8, flush: 0ms}
                replicas: {count: 0}
                app: {servers: 1, pool: {size: 2, connection_timeout: 1s}}
                run: {duration: 30s, warmup: 5s, replications: 3, seed: 5}
                """);
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().bottleneck()).isEqualTo("pool:master");
    }
}
