package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.model.traffic.RateProfile;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Windows combined equal one window over the same time. Measuring in windows changes nothing in
 * the run (no event is added, no number drawn), so the same seed gives the same history whether it
 * is cut in three or not; every figure of the combined windows must then be the one-window figure,
 * up to rounding. That checks each figure's combining rule and the weights the model reports.
 */
final class WindowCombinerTest {
    private static final String LOCKS =
            """
            version: 1
            traffic: {rate: 400}
            tables:
              orders: {rows: 2000, rows_per_page: 100}
              stock: {rows: 50}
            requests:
              - {name: browse, share: 80%, reads: 2, read_cost: 2ms}
              - name: buy
                share: 20%
                reads: 1
                consistency: read-your-writes
                max_lag: 5ms
                write:
                  steps:
                    - {table: orders, locks: 2, exclusive: 100%, granule: page, access: {dist: zipf, s: 1.1}}
                    - {table: stock, locks: 1, exclusive: 50%}
                  cpu_per_lock: 500us
                  roundtrip: 2ms
                  apply_cost: 1ms
            master: {cores: 2, flush: 6ms, group_commit: true, lock_wait_timeout: 200ms}
            replicas: {count: 2, cores: 1}
            app: {servers: 2, pool: {size: 4, connection_timeout: 50ms}}
            """;

    private static final String WRITE_QUEUE =
            """
            version: 1
            traffic: {rate: 300}
            tables: {items: {rows: 500}}
            requests:
              - {name: r, share: 50%, reads: 1}
              - {name: w, share: 50%, write: {table: items, locks: 2, cpu_per_lock: 300us}}
            master: {cores: 1, flush: 15ms, group_commit: false}
            replicas: {count: 1, cores: 2}
            write_queue: {enabled: true, batch: 20, max_delay: 20ms, writers: 3}
            """;

    @Test
    void threeWindowsWithLocksPoolsAndReplicasCombineIntoOne() throws Exception {
        Measurements c = combinedEqualsWhole(ScenarioLoader.parse(LOCKS, "locks.yaml", List.of()));
        // the figures weighted by their own denominators are not trivially zero here
        assertThat(c.get("locks", "orders", "wait_probability")).isPositive();
        assertThat(c.get("requests", "buy", "lock_wait_ms")).isPositive();
        assertThat(c.get("pools", "master", "wait_ms")).isPositive();
        assertThat(c.get("replication", "master_fallback_fraction")).isPositive();
        assertThat(c.get("stations", "master.disk", "commits_per_flush")).isGreaterThan(1);
    }

    @Test
    void threeWindowsWithAWriteQueueCombineIntoOne() throws Exception {
        Measurements c = combinedEqualsWhole(ScenarioLoader.parse(WRITE_QUEUE, "wq.yaml", List.of()));
        assertThat(c.get("write_queue", "delay_ms")).isPositive();
        assertThat(c.get("stations", "master.disk", "wait_ms")).isPositive();
    }

    private static Measurements combinedEqualsWhole(Scenario s) {
        // the rate changes between windows, so their weights differ
        RateProfile rate = RateProfile.steps(new double[] {0, 40, 80}, new double[] {100, 300, 200});
        Load load = new Load(100, true, 10, 90, 100_000);
        double[] thirds = {40, 70, 100};
        WindowCombiner combined =
                new WindowCombiner(s.requests().stream().map(RequestType::name).toList());
        int[] windows = {0};
        new DeploymentModel(s, load, new RandomStreams(5, 0), rate).runWindows(thirds, (f, w, all, types, apply) -> {
            combined.add(f, w, all, types, apply);
            windows[0]++;
        });
        Measurements[] whole = new Measurements[1];
        new DeploymentModel(s, load, new RandomStreams(5, 0), rate)
                .runWindows(new double[] {100}, (f, w, all, types, apply) -> whole[0] = f);

        assertThat(windows[0]).isEqualTo(3);
        Measurements c = combined.result();
        assertThat(c.asMap().keySet())
                .containsExactlyElementsOf(whole[0].asMap().keySet());
        for (Map.Entry<List<String>, Double> e : whole[0].asMap().entrySet()) {
            double expected = e.getValue();
            double actual = c.get(e.getKey().toArray(new String[0]));
            Metric m = whole[0].metric(e.getKey());
            if (m == Metrics.LOCK_HOT_GRANULE_BUSY || m == Metrics.SHARD_LOCK_HOT_GRANULE_BUSY) {
                // each window's hottest granule is its own: their weighted mean bounds the union's
                assertThat(actual).as("%s", e.getKey()).isGreaterThanOrEqualTo(expected - 1e-12);
                continue;
            }
            assertThat(actual).as("%s", e.getKey()).isCloseTo(expected, offset(1e-9 * Math.abs(expected) + 1e-12));
        }
        assertThat(c.get("all", "throughput_per_s")).isGreaterThan(100);
        assertThat(c.get("run", "measured_s")).isEqualTo(90.0);
        return c;
    }
}
