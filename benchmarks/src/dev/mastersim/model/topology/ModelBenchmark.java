package dev.mastersim.model.topology;

import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole model on one core: simulated write transactions (6 row locks each, 4 replicas applying
 * them, pooled connections, group commit) per second of wall time. One model runs on across
 * invocations, each advancing it 0.1 simulated seconds, so every measured invocation is in steady
 * state; {@code transactions} counts commits (JMH reports it per second).
 *
 * <pre>
 * benchmarks/run ModelBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 *
 * The {@code locks} parameter compares against the same model without locking (the baseline).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ModelBenchmark {
    static final String SCENARIO =
            """
            version: 1
            name: bench
            traffic: {rate: 20000}
            tables: {items: {rows: 1_000_000}}
            requests:
              - name: write
                share: 100%
                write: {table: items, locks: LOCKS, exclusive: 50%, cpu_per_lock: 20us, apply_cost: 20us}
            master: {cores: 16, flush: 200us, group_commit: true, lock_wait_timeout: 5s}
            replicas: {count: 4, cores: 8}
            app: {servers: 10, pool: {size: 50, connection_timeout: 5s}}
            """;

    @Param({"6", "0"})
    public int locks;

    private DeploymentModel model;
    private double now;

    /** Committed transactions, reported per second by JMH. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long transactions;

        @Setup(Level.Iteration)
        public void clear() {
            transactions = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Scenario s = ScenarioLoader.parse(SCENARIO.replace("LOCKS", Integer.toString(locks)), "bench.yaml", List.of());
        model = new DeploymentModel(s, new Load(20000, false, 0, 1e9, 100_000), new RandomStreams(42, 0));
        model.start();
        now = 1;
        model.simulation().runUntil(now);
    }

    @Benchmark
    public long advance(Counts counts) {
        long before = model.commits();
        now += 0.1;
        model.simulation().runUntil(now);
        long done = model.commits() - before;
        counts.transactions += done;
        return done;
    }
}
