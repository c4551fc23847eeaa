package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mastersim.ExperimentScale;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioException;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults inside a run cost what queueing and the pool's semantics say they must (CONTRACT §1, faults). */
@ExperimentScale
final class FaultsTest {
    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "faults.yaml", List.of());
    }

    private static RunResult run(Scenario s) {
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    private static Figure fault(RunResult r, String entity, String figure) {
        return r.figure("faults", entity, figure);
    }

    /**
     * A replica lost for L while commits arrive at λ falls B = λL behind; back, its one applier of
     * capacity μ drains the backlog at its spare capacity, in B/(μ − λ) (fluid model), and the lag is
     * within slo.max_lag (1 s) one second before that: 600 s here, within 5%.
     */
    @Test
    void aLostReplicaCatchesUpInTheFluidTime() throws ScenarioException {
        double lambda = 50;
        double mu = 100;
        double length = 600;
        RunResult r = run(
                parse(
                        """
                version: 1
                traffic: {rate: 50}
                tables: {t: {rows: 1000}}
                requests:
                  - {name: w, share: 1, write: {table: t, locks: 0, apply_cost: {dist: constant, value: 10ms}}}
                master: {flush: 0ms}
                replicas: {count: 2, appliers: 1}
                slo: {max_lag: 1s, target: 10s}
                run: {warmup: 10s, duration: 1500s, replications: 4}
                faults:
                  - {kind: replica-loss, at: 60s, length: 600s, replica: 2}
                """));
        double drain = lambda * length / (mu - lambda);
        Figure recovery = fault(r, "1-replica-loss", "recovery_s");
        assertThat(recovery.mean()).isCloseTo(drain, within(0.05 * drain));
        // the lag it reached is the outage's length: the oldest held commit is that old at the return
        assertThat(fault(r, "1-replica-loss", "peak_lag_ms").mean() / 1e3).isCloseTo(length, within(0.05 * length));
        assertThat(fault(r, "1-replica-loss", "failed").mean()).isZero();
    }

    /**
     * The master down for L under open writes at λ, pools with connection timeout T and no size limit
     * (nor a database cap, which the first pool to reconnect would fill, starving the other):
     * a write arriving in the first L − T of the outage waits T for a connection and fails; one arriving
     * later is still waiting when the master returns and succeeds; those in flight at the crash abort.
     * So λ(L − T) writes time out (Poisson: the interval over the replications is the tolerance), and
     * the failures are the time-outs plus the aborts.
     */
    @Test
    void aMasterRestartTimesOutTheWritesArrivingMoreThanTheTimeoutBeforeItsEnd() throws ScenarioException {
        double lambda = 100;
        double length = 60;
        double timeout = 20;
        RunResult r = run(
                parse(
                        """
                version: 1
                traffic: {rate: 100}
                tables: {t: {rows: 1000}}
                requests:
                  - {name: w, share: 1, write: {table: t, locks: 0, cpu: {dist: constant, value: 1ms}}}
                master: {flush: 0ms, cores: 8, max_connections: 0}
                app: {servers: 2, pool: {size: 0, connection_timeout: 20s}}
                run: {warmup: 10s, duration: 180s, replications: 10}
                faults:
                  - {kind: master-restart, at: 60s, length: 60s}
                """));
        Figure timedOut = fault(r, "1-master-restart", "timed_out");
        assertThat(timedOut.mean()).isCloseTo(lambda * (length - timeout), within(timedOut.ci95()));
        assertThat(fault(r, "1-master-restart", "failed").mean())
                .isCloseTo(
                        timedOut.mean()
                                + fault(r, "1-master-restart", "aborted").mean(),
                        within(1e-9));
        // the verdict judges the time outside the fault's window: no failure there
        assertThat(r.mean("all", "error_rate")).isZero();
    }

    /**
     * Slow storage over the whole run: flushes without group commit take factor x F, so the log disk is
     * busy λ x F x factor of the time (the utilisation law). The fault outlasts the run, so nothing is
     * judged outside it (the whole run is) and it has no recovery time.
     */
    @Test
    void slowStorageMultipliesTheFlushTime() throws ScenarioException {
        RunResult r = run(
                parse(
                        """
                version: 1
                traffic: {rate: 100}
                tables: {t: {rows: 1000}}
                requests:
                  - {name: w, share: 1, write: {table: t, locks: 0}}
                master: {flush: {dist: constant, value: 2ms}, group_commit: false}
                run: {warmup: 10s, duration: 120s, replications: 5}
                faults:
                  - {kind: storage-degraded, at: 0s, length: 1h, factor: 4, target: master}
                """));
        Figure u = r.figure("stations", "master.disk", "utilisation");
        assertThat(u.mean()).isCloseTo(100 * 0.002 * 4, within(Math.max(u.ci95(), 0.01)));
        assertThat(fault(r, "1-storage-degraded", "recovery_s").mean()).isNaN();
    }

    /**
     * Every app server restarting at once for L fails every request that arrives meanwhile (λL, as a
     * Poisson count); restarted in two rounds that do not overlap, the requests go to the servers that
     * are up, and only those in flight at each restart fail.
     */
    @Test
    void appServersRestartedInRoundsKeepServingWhereAllAtOnceFailEverything() throws ScenarioException {
        String base =
                """
                version: 1
                traffic: {rate: 100}
                requests:
                  - {name: r, share: 1, reads: 1, read_cost: {dist: constant, value: 5ms}}
                replicas: {count: 2}
                app: {servers: 4}
                run: {warmup: 10s, duration: 180s, replications: 5}
                faults:
                """;
        RunResult all = run(parse(base + "  - {kind: app-restart, at: 60s, length: 30s}\n"));
        RunResult rounds = run(parse(base + "  - {kind: app-restart, at: 60s, length: 30s, rounds: 2, gap: 40s}\n"));
        Figure failedAll = fault(all, "1-app-restart", "failed");
        assertThat(failedAll.mean()).isCloseTo(100 * 30, within(failedAll.ci95()));
        // the per-minute timeline puts them in the minute of the restart (60 s to 120 s), none before
        assertThat(all.mean("timeline", "1", "errors")).isEqualTo(failedAll.mean());
        assertThat(all.mean("timeline", "0", "errors")).isZero();
        // in flight at a restart: λ x 5 ms = 0.5 requests, half of them on the round's servers
        assertThat(fault(rounds, "1-app-restart", "failed").mean()).isLessThan(5);
    }

    /**
     * A restarted app server drops its worker threads' queue and its CPU's queue: ten users who arrive
     * together at 10 s on one server of one core (10 s of app CPU each) are one on the core and nine
     * queued, for a thread (one thread) or for the core (threads unlimited). The restart at 15 s fails
     * all ten: the nine queued at once and the one on the core when its burst ends (left queued, the
     * nine would have been served and succeeded), and none timed out. Back after thinking, the users are
     * served by the restarted server, and nothing more fails.
     */
    @Test
    void aRestartedAppServerFailsTheRequestsQueuedForItsThreadsAndItsCpu() throws ScenarioException {
        for (String threads : List.of("1", "0")) {
            RunResult r = run(parse(
                    """
                    version: 1
                    traffic: {arrivals: closed, users: 10, think: {dist: constant, value: 10s}}
                    requests:
                      - {name: sync, share: 1, reads: 0, app_cpu: {dist: constant, value: 10s}}
                    replicas: {count: 0}
                    app: {servers: 1, cores: 1, threads: THREADS, thread_timeout: 1h}
                    run: {warmup: 0s, duration: 100s, replications: 1}
                    faults:
                      - {kind: app-restart, at: 15s, length: 1s}
                    """
                            .replace("THREADS", threads)));
            assertThat(fault(r, "1-app-restart", "failed").mean())
                    .as("threads " + threads)
                    .isEqualTo(10);
            assertThat(fault(r, "1-app-restart", "timed_out").mean()).isZero();
            assertThat(r.mean("timeline", "0", "errors")).isEqualTo(10);
        }
    }

    /**
     * The sync-servers story on a closed population that has queued: N = 1000 clients that sync every
     * Z = 30 s (a constant think time) all log in at once, so they arrive as one herd; four app servers of
     * one core and one thread each serve μ = 40 requests/s (100 ms of app CPU), and a request waiting
     * longer than T = 1 s for a thread fails. Each cycle of Z + T = 31 s serves μT = 40 of the herd; the
     * rest time out together and come back together, so the backlog persists although the load (1000/30
     * = 33/s) is under the capacity, and the herd is gone after N/(μT) = 25 cycles: its last time-outs at
     * 30 + 25 × 31 s = 805 s, in minute 13 (fluid model).
     *
     * <p>What the mechanisms give is that restarting the servers does not drain it, neither all at once
     * nor in rounds: a restart fails the requests queued on the restarted servers at once (and with
     * them the threads' and CPU's queues), but their clients think Z and come back together, as one
     * herd again, so the herd still drains only at μT a cycle, and a restart can only push its end back
     * (by a cycle and its length, once per round that catches the herd queued). Both runs still have
     * time-outs in the minute after the restart, and in both the herd's last time-outs fall within a
     * cycle before and two cycles after the fluid time: the rounds do not end it sooner.
     */
    @Test
    void restartingAppServersInRoundsOrAllAtOnceLeavesAClosedPopulationsHerdToDrainAtItsOwnPace()
            throws ScenarioException {
        String base =
                """
                version: 1
                traffic: {arrivals: closed, users: 1000, think: {dist: constant, value: 30s}}
                requests:
                  - {name: sync, share: 1, reads: 0, app_cpu: {dist: constant, value: 100ms}}
                replicas: {count: 0}
                app: {servers: 4, cores: 1, threads: 1, thread_timeout: 1s}
                slo: {target: 500ms}
                run: {warmup: 0s, duration: 1200s, replications: 2}
                faults:
                """;
        RunResult all = run(parse(base + "  - {kind: app-restart, at: 402500ms, length: 5s}\n"));
        RunResult rounds =
                run(parse(base + "  - {kind: app-restart, at: 402500ms, length: 5s, rounds: 4, gap: 62500ms}\n"));
        double fluidEnd = 30 + 1000.0 / (40 * 1) * 31;
        for (RunResult r : List.of(all, rounds)) {
            assertThat(fault(r, "1-app-restart", "failed").mean()).isPositive();
            assertThat(r.mean("timeline", "7", "errors"))
                    .as("the herd is back after the restart")
                    .isPositive();
            int lastErrors = 0;
            for (int k = 0; k < 20; k++) {
                if (r.mean("timeline", Integer.toString(k), "errors") > 0) {
                    lastErrors = k;
                }
            }
            assertThat(lastErrors * 60.0 + 60)
                    .as("the herd's last minute ends after the fluid time less a cycle")
                    .isGreaterThan(fluidEnd - 31);
            assertThat(lastErrors * 60.0)
                    .as("the herd's last minute starts before the fluid time plus two cycles")
                    .isLessThan(fluidEnd + 2 * 31);
        }
    }

    /**
     * After a restart with {@code cold: {length: C, factor: f}} the master's work costs f times as much,
     * falling linearly to 1 over C: reads arriving uniformly over the cold period cost (1 + f)/2 times
     * their 5 ms on average. (A 100 ms connection timeout fails the reads of the outage, so almost no
     * backlog arrives at the restart's instant, when the factor is f.)
     */
    @Test
    void aColdRestartMakesTheMastersWorkCostMoreFallingLinearly() throws ScenarioException {
        Scenario s = parse(
                """
                version: 1
                traffic: {rate: 100}
                requests:
                  - {name: r, share: 1, reads: 1, read_cost: {dist: constant, value: 5ms}}
                replicas: {count: 0}
                master: {cores: 1}
                app: {pool: {connection_timeout: 100ms}}
                run: {warmup: 10s, duration: 170s}
                faults:
                  - {kind: master-restart, at: 60s, length: 10s, cold: {length: 60s, factor: 1.8}}
                """);
        Load load = Experiment.peakLoad(s, 0, RunSettings.of(s));
        double[] service = new double[3];
        int[] window = {0};
        new DeploymentModel(s, load, new RandomStreams(42, 0))
                .runWindows(new double[] {60, 130, 180}, (f, w, all, types, apply) -> {
                    service[window[0]++] = f.get("stations", "master.cpu", "service_ms");
                });
        assertThat(service[0]).isCloseTo(5, within(1e-9));
        assertThat(service[1]).isCloseTo(5 * (1 + 1.8) / 2, within(0.01 * 7));
        assertThat(service[2]).isCloseTo(5, within(1e-9));
    }

    /**
     * A lost replica back with a backlog serves read-your-writes reads only once its lag is under their
     * max_lag: while it drains (B = λL commits at μ − λ = 50/s: 60 s), the half of those reads that
     * round-robin routes to it go to the master; while it is gone they all go to the other replica,
     * and once it has caught up none go to the master.
     */
    @Test
    void aReturningReplicaServesBoundedLagReadsOnlyOnceCaughtUp() throws ScenarioException {
        Scenario s = parse(
                """
                version: 1
                traffic: {rate: 100}
                tables: {t: {rows: 1000}}
                requests:
                  - {name: w, share: 0.5, write: {table: t, locks: 0, apply_cost: {dist: constant, value: 10ms}}}
                  - {name: r, share: 0.5, reads: 1, consistency: read-your-writes, max_lag: 1s}
                master: {flush: 0ms}
                replicas: {count: 2}
                run: {warmup: 10s, duration: 240s}
                faults:
                  - {kind: replica-loss, at: 60s, length: 60s, replica: 2}
                """);
        Load load = Experiment.peakLoad(s, 0, RunSettings.of(s));
        double[] fallback = new double[4];
        int[] window = {0};
        new DeploymentModel(s, load, new RandomStreams(42, 0))
                .runWindows(new double[] {60, 120, 170, 250}, (f, w, all, types, apply) -> {
                    fallback[window[0]++] = f.get("replication", "master_fallback_fraction");
                });
        assertThat(fallback[0]).isZero();
        assertThat(fallback[1]).as("replica 2 gone: its reads go to replica 1").isZero();
        assertThat(fallback[2])
                .as("draining: replica 2's half goes to the master")
                .isCloseTo(0.5, within(0.01));
        assertThat(fallback[3]).as("caught up by 180 s").isLessThan(0.5 * 10 / 80);
    }

    /** The same scenario and seed give the same JSON, whatever the number of threads. */
    @Test
    void faultsAreDeterministicUnderTheSeed() throws ScenarioException {
        Scenario s = parse(
                """
                version: 1
                traffic: {rate: 200}
                tables: {orders: {rows: 1000}}
                requests:
                  - {name: browse, share: 0.8, reads: 2, read_cost: 1ms, consistency: read-your-writes}
                  - {name: buy, share: 0.2, reads: 1, write: {table: orders, locks: 2, cpu_per_lock: 500us}}
                app: {servers: 4, pool: {size: 10, connection_timeout: 2s}}
                run: {warmup: 10s, duration: 100s, replications: 3}
                faults:
                  - {kind: replica-loss, at: 20s, length: 20s, replica: 2}
                  - {kind: master-restart, at: 40s, length: 10s, cold: {length: 20s, factor: 3}}
                  - {kind: app-restart, at: 70s, length: 5s, rounds: 2, gap: 5s}
                  - {kind: storage-degraded, at: 80s, length: 10s, factor: 8, target: replica-1}
                """);
        RunSettings one = RunSettings.of(s).withThreads(1);
        String a = JsonReport.run(Experiment.run(s, Experiment.peakLoad(s, 0, one), one));
        RunSettings two = RunSettings.of(s).withThreads(2);
        String b = JsonReport.run(Experiment.run(s, Experiment.peakLoad(s, 0, two), two));
        assertThat(a).isEqualTo(b).contains("\"faults\"").contains("\"kind\" : \"master-restart\"");
        // the per-minute timeline: minutes 0 and 1 of the 110 s run, in order, each with its figures
        var timeline = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(a)
                .get("timeline");
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(1).get("minute").asInt()).isEqualTo(1);
        assertThat(timeline.get(1).get("errors").get("mean").asDouble()).isPositive();
        assertThat(timeline.get(0).get("response_ms").get("mean").asDouble()).isPositive();
    }
}
