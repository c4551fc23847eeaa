package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Simulation;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.verdict.VerdictRule;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overload corpus: each case ends with a saturated verdict within an event budget, counted by the
 * engine (so the test is deterministic and says nothing of the machine). The budget is linear in the
 * requests the case can start and the retries it measured, at a cost fixed by the scenario: two events
 * per step of an attempt (the request itself, its reads, each lock request, each replica's apply). What
 * it rules out is work that grows faster than the traffic: timers that fire again and again, a retry
 * loop without back-off, waits woken without progress. The cases use 10% to 30% of it (most requests
 * offered to an overloaded system wait rather than run), so a regression that multiplied the events
 * per request by four would fail it.
 *
 * <p>At these lengths (25 s) no case reaches the in-flight bound, so each runs its full length: what
 * bounds a saturated run's cost here is the events per simulated second. An open case run longer stops
 * when its backlog reaches the bound ({@code run.overloaded}); the closed population and the applier at
 * twice its capacity hold a bounded number of requests and always run their full length, so only a
 * sequential stop could end them sooner.
 */
final class OverloadCorpusTest {
    private static final String RUN = "run: {duration: 20s, warmup: 5s, replications: 2}\n";

    /** Events one step of an attempt may cost on average (see the class comment). */
    private static final int PER_STEP = 2;

    private static Scenario scenario(String name) throws Exception {
        String body =
                switch (name) {
                        // master CPU at twice its capacity: one core, 2,000 requests/s of 1 ms each
                    case "cpu" -> """
                            traffic: {rate: 2000}
                            requests:
                              - {name: w, share: 100%, write: {locks: 0, cpu: 1ms, apply_cost: 10us}}
                            master: {cores: 1, flush: 0ms, max_connections: 0}
                            app: {pool: {size: 0}}
                            replicas: {count: 1}
                            """;
                        // every write locks the one row for about 1.2 ms: 830/s at most, offered 2,000/s
                    case "one-row" -> """
                            traffic: {rate: 2000}
                            tables: {one: {rows: 1}}
                            requests:
                              - {name: w, share: 100%, write: {table: one, locks: 1, cpu_per_lock: 200us, roundtrip: 1ms}}
                            master: {cores: 8, flush: 0ms, max_connections: 0}
                            app: {pool: {size: 0}}
                            replicas: {count: 1}
                            """;
                        // four exclusive locks on 20 rows, no lock-wait timeout to speak of: deadlocks and retries
                    case "deadlock-storm" -> """
                            traffic: {rate: 3000}
                            tables: {hot: {rows: 20}}
                            requests:
                              - {name: w, share: 100%, write: {table: hot, locks: 4, exclusive: 100%, cpu_per_lock: 200us, roundtrip: 1ms}}
                            master: {cores: 8, flush: 1ms, max_connections: 0, lock_wait_timeout: 1h}
                            app: {pool: {size: 0}}
                            replicas: {count: 1}
                            retries: {max: 10, backoff: 1ms}
                            """;
                        // one applier, 2 ms a write, 1,000 writes/s: rho = 2, the lag grows without bound
                    case "applier" -> """
                            traffic: {rate: 1000}
                            tables: {items: {rows: 1_000_000}}
                            requests:
                              - {name: w, share: 100%, write: {table: items, locks: 1, cpu_per_lock: 100us, apply_cost: {dist: constant, value: 2ms}}}
                            master: {cores: 8, flush: 0ms}
                            replicas: {count: 1, appliers: 1}
                            """;
                        // 2,000 users who never think, on two cores of 1 ms a transaction
                    case "closed-zero-think" -> """
                            traffic: {arrivals: closed, users: 2000, think: 0ms}
                            tables: {items: {rows: 1_000_000}}
                            requests:
                              - {name: w, share: 100%, write: {table: items, locks: 2, cpu: 1ms}}
                            master: {cores: 2, flush: 0ms, max_connections: 0}
                            app: {pool: {size: 0}}
                            replicas: {count: 1}
                            """;
                    default -> null;
                };
        if (body == null) {
            // the lock-bound scenario of the test resources, at its saturated month 2022-06 (month 41)
            return ScenarioLoader.load(
                    Path.of("src/test/resources/overload/hot-table.yaml"),
                    List.of("run.duration=20s", "run.warmup=5s", "run.replications=2"));
        }
        return ScenarioLoader.parse("version: 1\n" + body + RUN, name + ".yaml", List.of());
    }

    /** The most requests the case can start: the open rate over the run (with room for Poisson), or the users plus what the master's cores can finish. */
    private static double requestBound(Scenario s, double rate, double length) {
        if (s.traffic().arrivals() == Arrivals.CLOSED) {
            RequestType t = s.requests().get(0);
            double capacity = s.master().cores() / t.write().cpu().mean();
            return s.traffic().users() + capacity * length;
        }
        return rate * length * 1.05 + 100;
    }

    /** Events one attempt of a request may cost: the request, its reads, its lock requests, its applies. */
    private static double perAttempt(Scenario s) {
        double most = 0;
        for (RequestType t : s.requests()) {
            int locks = t.write() == null ? 0 : t.write().totalLocks();
            most = Math.max(
                    most, PER_STEP * (2 + t.reads() + locks + s.replicas().count()));
        }
        return most;
    }

    /** Retries of one replication over its whole length, from the measured rate of each table. */
    private static double retries(Scenario s, Measurements m, double length) {
        double perSecond = 0;
        for (String table : s.tables().keySet()) {
            perSecond += m.get("locks", table, "retries_per_s");
        }
        return perSecond * length;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "one-row", "deadlock-storm", "applier", "closed-zero-think", "hot-table"})
    void endsSaturatedWithinItsEventBudget(String name) throws Exception {
        Scenario s = scenario(name);
        int month = name.equals("hot-table") ? 41 : 0;
        RunSettings settings = RunSettings.of(s);
        Load load = Experiment.peakLoad(s, month, settings);
        double length = load.warmup() + load.duration();
        List<Measurements> reps = new ArrayList<>();
        for (int k = 0; k < s.run().replications(); k++) {
            DeploymentModel model = new DeploymentModel(s, load, new RandomStreams(settings.seed(), k));
            Measurements m = model.run();
            reps.add(m);
            Simulation sim = model.simulation();
            double budget = (requestBound(s, load.rate(), length) + retries(s, m, length)) * perAttempt(s);
            System.err.printf(
                    "CORPUS %s events=%d budget=%.0f ratio=%.3f retries=%.0f now=%.1f%n",
                    name,
                    sim.eventsProcessed(),
                    budget,
                    sim.eventsProcessed() / budget,
                    retries(s, m, length),
                    sim.now());
            assertThat((double) sim.eventsProcessed())
                    .as("%s: events of replication %d", name, k)
                    .isLessThanOrEqualTo(budget);
        }
        RunResult partial =
                new RunResult(s.name(), settings.seed(), reps.size(), load.rate(), null, Experiment.aggregate(reps));

        assertThat(VerdictRule.decide(s, partial).saturated())
                .as("%s saturated", name)
                .isTrue();
    }
}
