package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.analytic.MG1;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The database mechanisms against what queueing theory and the locking literature say they must do. */
@ExperimentScale
final class ModelMechanismsTest {
    private static RunResult run(Scenario s) {
        RunSettings set = RunSettings.of(s);
        RunResult r = Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
        ClosedFormTest.assertOperationalLaws(r);
        return r;
    }

    /**
     * Tay, Goodman &amp; Suri (1985): with k exclusive locks on D granules and unlimited resources,
     * throughput of a closed system rises with the multiprogramming level N, peaks, then falls
     * (data-contention thrashing). Their rule of thumb places the onset at k²N/D ≈ 1.5, here
     * N ≈ 23. The peak of the simulated curve must lie within a factor 1.5 of it.
     */
    @Test
    void dataContentionThrashesNearTaysRuleOfThumb() {
        int k = 8;
        long d = 1000;
        int[] levels = {5, 10, 15, 20, 25, 30, 40, 50, 70};
        double[] x = new double[levels.length];
        int peak = 0;
        for (int i = 0; i < levels.length; i++) {
            x[i] = run(TestScenarios.closedLocking(levels[i], k, d, 0.001, 100, 4))
                    .mean("all", "throughput_per_s");
            if (x[i] > x[peak]) {
                peak = i;
            }
        }
        double tay = 1.5 * d / (k * k);
        assertThat(peak).as("throughput rises first").isPositive();
        assertThat(peak).as("then falls").isLessThan(levels.length - 1);
        assertThat(x[levels.length - 1])
                .as("thrashing: N=70 well below the peak")
                .isLessThan(0.6 * x[peak]);
        assertThat((double) levels[peak]).as("peak N against Tay's %.1f", tay).isBetween(tay / 1.5, tay * 1.5);
    }

    /** One applier is an M/G/1 queue fed by the commit stream: the mean apply delay is Pollaczek–Khinchine's. */
    @Test
    void replicaApplyDelayIsPollaczekKhinchine() {
        double rate = 2000;
        double mean = 0.0004;
        RunResult r = run(TestScenarios.replicated(rate, 2, new Dist.Gamma(mean, 0.5), 400, 10));
        double exact = MG1.ofCv(rate, mean, 0.5).meanResponse() * 1e3;
        Figure f = r.figure("replication", "apply_delay_ms");
        assertThat(f.ci95()).isLessThan(0.015 * exact);
        assertThat(f.mean()).isCloseTo(exact, offset(f.ci95() + 0.01 * exact));
        assertThat(r.mean("replication", "lag_ms")).isPositive();
        assertThat(r.mean("replication", "lag_max_ms")).isGreaterThan(r.mean("replication", "lag_ms"));
    }

    /** Group commit batches more commits per flush as load rises; without it the disk is M/D/1. */
    @Test
    void groupCommitBatchesMoreUnderLoadAndPlainFlushIsMd1() {
        Dist flush = new Dist.Constant(0.002);
        Figure low = run(TestScenarios.flushing(100, flush, true, 200, 5))
                .figure("stations", "master.disk", "commits_per_flush");
        Figure high = run(TestScenarios.flushing(450, flush, true, 200, 5))
                .figure("stations", "master.disk", "commits_per_flush");
        assertThat(high.lower()).isGreaterThan(low.upper());
        assertThat(high.mean()).isGreaterThan(1.2);

        RunResult fifo = run(TestScenarios.flushing(400, flush, false, 400, 10));
        double exact = MG1.ofCv(400, 0.002, 0).meanWait() * 1e3;
        Figure w = fifo.figure("stations", "master.disk", "wait_ms");
        assertThat(w.mean()).isCloseTo(exact, offset(w.ci95() + 0.01 * exact));
        assertThat(w.ci95()).isLessThan(0.015 * exact);
    }

    /** A pool of P never lends more than P; timeouts appear when, and only when, the pool is the bottleneck. */
    @Test
    void poolTimeoutsAppearExactlyWhenThePoolIsTheBottleneck() {
        Dist work = new Dist.Constant(0.010);
        RunResult fine = run(TestScenarios.withPool(TestScenarios.masterCpu(300, 0, work, 100, 4), 4, 0.1));
        RunResult short4 = run(TestScenarios.withPool(TestScenarios.masterCpu(500, 0, work, 100, 4), 4, 0.1));
        assertThat(fine.mean("pools", "master", "timeouts_per_s")).isZero();
        assertThat(fine.mean("pools", "master", "in_use_max")).isLessThanOrEqualTo(4);
        assertThat(short4.figure("pools", "master", "in_use_max").mean()).isEqualTo(4.0);
        assertThat(short4.figure("pools", "master", "in_use_max").ci95()).isZero();
        assertThat(short4.mean("pools", "master", "timeouts_per_s")).isGreaterThan(10);
        assertThat(short4.verdict().saturated()).isTrue();
        assertThat(short4.verdict().bottleneck()).isEqualTo("pool:master");
    }

    /** Arrivals above capacity: the run stops at the in-flight bound, sheds, and says it is saturated. */
    @Test
    void overloadEndsEarlyInBoundedMemoryWithAVerdict() {
        Scenario s = TestScenarios.masterCpu(2000, 1, new Dist.Exponential(0.001), 3600, 2);
        RunSettings set = new RunSettings(2, 42, 2, 10_000);
        Load load = Experiment.peakLoad(s, 0, set);
        RunResult r = Experiment.run(s, load, set);
        assertThat(r.mean("run", "overloaded")).isEqualTo(1.0);
        assertThat(r.mean("run", "shed")).isPositive();
        assertThat(r.mean("run", "in_flight_end")).isLessThanOrEqualTo(10_000);
        assertThat(r.mean("run", "measured_s"))
                .as("stopped long before the hour")
                .isLessThan(60);
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().reason()).startsWith("overloaded");
        assertThat(r.verdict().bottleneck()).isEqualTo("master.cpu");
    }

    /**
     * Two writers behind a master that allows one connection take turns: the second waits for the
     * connection (it is not refused and its writes are not lost), and the queue stays short.
     */
    @Test
    void writeQueueWritersWaitForAConnectionUnderMaxConnections() throws Exception {
        String yaml =
                """
                version: 1
                traffic: {rate: 200}
                tables: {items: {rows: 1000}}
                requests:
                  - {name: w, share: 100%, write: {table: items, locks: 1}}
                master: {cores: 4, flush: 0ms, max_connections: 1}
                replicas: {count: 0}
                app: {servers: 1, pool: {size: 1, connection_timeout: 1s}}
                write_queue: {enabled: true, batch: 10, max_delay: 10ms, writers: 2}
                run: {duration: 20s, warmup: 2s, replications: 2}
                """;
        Scenario s = dev.mastersim.scenario.ScenarioLoader.parse(yaml, "wq.yaml", java.util.List.of());
        RunResult r = run(s);
        assertThat(r.mean("run", "overloaded")).isZero();
        assertThat(r.mean("write_queue", "failed_per_s")).isZero();
        assertThat(r.mean("write_queue", "length")).isLessThan(50);
        assertThat(r.mean("run", "commits_per_s")).isPositive();
    }

    /**
     * Lock-wait timeouts abort waiting transactions: the locks they held while waiting leave the
     * "held while waiting" level exactly once, so held-by-running stays within held and the
     * conflict ratio (held by all / held by running) is at least 1 however many waits time out.
     */
    @Test
    void lockWaitTimeoutsKeepTheConflictRatioAtLeastOne() throws Exception {
        String yaml =
                """
                version: 1
                traffic: {rate: 150}
                tables: {hot: {rows: 20}}
                requests:
                  - {name: w, share: 100%, write: {table: hot, locks: 4, exclusive: 100%, cpu_per_lock: 2ms}}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: 15ms}
                replicas: {count: 0}
                retries: {max: 1}
                run: {duration: 60s, warmup: 2s, replications: 2}
                """;
        RunResult r = run(dev.mastersim.scenario.ScenarioLoader.parse(yaml, "timeouts.yaml", java.util.List.of()));
        assertThat(r.mean("locks", "hot", "timeouts_per_s"))
                .as("waits time out")
                .isGreaterThan(1);
        assertThat(r.mean("locks", "hot", "conflict_ratio")).isGreaterThanOrEqualTo(1.0);
        assertThat(r.mean("locks", "hot", "blocked_fraction")).isBetween(0.0, 1.0);
    }
}
