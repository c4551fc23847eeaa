package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code capacity}'s closed-form first answer: Erlang C where it applies, and where it does not, why. */
@ExperimentScale
final class ClosedFormCapacityTest {
    private static Scenario scenario(String extra) throws Exception {
        return ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: 50}
                requests:
                  - {name: work, share: 1, write: {locks: 0, cpu: 10ms}}
                master: {cores: 2, flush: 0ms, max_connections: 0}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                run: {duration: 60s, warmup: 5s, replications: 4, seed: 9}
                """
                        + extra,
                "cpu.yaml",
                List.of());
    }

    /**
     * Two cores, exponential 10 ms of CPU per request and nothing else: an M/M/2 queue. The
     * utilisation bound, 0.9 × 2 ÷ 10 ms = 180/s, binds before the p99 target (about 0.26 s there,
     * under 500 ms). The search lands within its 2% bracket and the utilisation's interval of it.
     */
    @Test
    void aPureCpuScenariosSimulatedCapacityIsErlangCs() throws Exception {
        Scenario s = scenario("");
        ClosedForm f = ClosedForms.capacity(s);
        assertThat(f.covered()).isTrue();
        assertThat(f.bottleneck()).isEqualTo("master.cpu");
        assertThat(f.method()).startsWith("Erlang C (M/M/c): the utilisation bound");
        assertThat(f.capacity()).isCloseTo(180, offset(1e-9));

        CapacityResult c = Capacity.run(s, RunSettings.of(s));
        RunResult at = c.points().stream()
                .filter(p -> p.rate() == c.capacity())
                .findFirst()
                .orElseThrow();
        Figure u = at.figure("stations", "master.cpu", "utilisation");
        double tolerance = c.capacity() * (0.02 + u.ci95() / u.mean());
        assertThat(c.capacity()).isCloseTo(f.capacity(), offset(tolerance));
        assertThat(c.limit().bottleneck()).isEqualTo(f.bottleneck());

        assertThat(PlanReport.capacityTable(c, f))
                .contains("Closed form: 180.0 requests/s, bottleneck master.cpu (Erlang C (M/M/c)");
        assertThat(JsonReport.capacity(c, f))
                .contains("\"closed_form\" : {\n    \"capacity_per_s\" : 180.0,\n    \"method\" : \"Erlang C");
    }

    /** A tight p99 target binds first: the rate at which M/M/2's p99 response time meets it. */
    @Test
    void aTightTargetBindsAtErlangCsPercentile() throws Exception {
        Scenario s = scenario("slo: {percentile: p99, target: 60ms}\n");
        ClosedForm f = ClosedForms.capacity(s);
        assertThat(f.method()).contains("p99 response time reaches its 60.0 ms target");
        assertThat(f.capacity()).isLessThan(180);
        assertThat(new dev.mastersim.analytic.MMc(f.capacity(), 0.010, 2).responseQuantile(0.99))
                .isCloseTo(0.060, offset(1e-6));
    }

    private static ClosedForm of(String yaml) throws Exception {
        return ClosedForms.capacity(ScenarioLoader.parse("version: 1\n" + yaml, "other.yaml", List.of()));
    }

    /** Pools, locks and a closed population are outside the formula, and it says which. */
    @Test
    void poolsLocksAndClosedPopulationsHaveNoClosedForm() throws Exception {
        String work = "requests: [{name: work, share: 1, write: {locks: 0, cpu: 10ms}}]\n";
        String bare = "master: {cores: 2, flush: 0ms, max_connections: 0}\nreplicas: {count: 0}\n";
        ClosedForm pooled = of("traffic: {rate: 50}\n" + work + bare);
        assertThat(pooled.covered()).isFalse();
        assertThat(pooled.capacity()).isNaN();
        assertThat(PlanReport.closedFormSentence(pooled))
                .isEqualTo("No closed form: connection pools (app.pool.size > 0) cap concurrency.");

        ClosedForm locking = of("traffic: {rate: 50}\ntables: {t: {rows: 10}}\n"
                + "requests: [{name: work, share: 1, write: {table: t, locks: 1, cpu: 10ms}}]\n"
                + bare
                + "app: {pool: {size: 0}}\n");
        assertThat(locking.why()).isEqualTo("request type work takes locks");

        ClosedForm grouped = of("traffic: {arrivals: closed, users: 10, think: 1s}\n" + work
                + "master: {cores: 2, flush: 1ms, group_commit: true, max_connections: 0}\nreplicas: {count: 0}\n"
                + "app: {pool: {size: 0}}\n");
        assertThat(grouped.why()).startsWith("group commit");
    }

    private static final String POPULATION =
            """
            traffic: {arrivals: closed, users: 10, think: 90ms}
            requests: [{name: work, share: 1, write: {locks: 0, cpu: 10ms}}]
            master: {cores: 1, flush: 0ms, max_connections: 0}
            replicas: {count: 0}
            app: {pool: {size: 0}}
            """;

    /**
     * A closed population by hand: one core, exponential D = 10 ms, think Z = 90 ms. MVA: R(1) = D,
     * X(1) = 1/(Z + D) = 10/s, Q(1) = 0.1; R(2) = D(1 + 0.1) = 11 ms, X(2) = 2/101 ms = 19.80/s,
     * Q(2) = 0.2178; R(3) = D(1.2178), X(3) = 3/102.178 ms = 29.36/s. With a 25% utilisation limit,
     * U = X·D is 0.198 at 2 users and 0.294 at 3: the capacity is 2 users at 19.80/s.
     */
    @Test
    void aClosedPopulationsClosedFormIsExactMva() throws Exception {
        ClosedForm f = of(POPULATION + "slo: {utilisation: 25%}\n");
        assertThat(f.covered()).as(f.why()).isTrue();
        assertThat(f.users()).isTrue();
        assertThat(f.capacity()).isEqualTo(2);
        assertThat(f.throughput()).isCloseTo(2 / 0.101, offset(1e-9));
        assertThat(f.bottleneck()).isEqualTo("master.cpu");
        assertThat(f.method()).startsWith("exact MVA over master.cpu (1 cores)").contains("mean response 11.0 ms");
        assertThat(PlanReport.closedFormSentence(f)).startsWith("Closed form: 2 users (19.8 requests/s)");
    }

    /**
     * Commits flushed one by one add the log disk as a second station. One core of 10 ms and a 30 ms
     * flush, no think time: X(1) = 1/40 ms = 25/s, Q_cpu(1) = 0.25, Q_disk(1) = 0.75; R_cpu(2) = 12.5 ms,
     * R_disk(2) = 52.5 ms, X(2) = 2/65 ms = 30.77/s, disk utilisation 92.3%. At a 90% limit the disk,
     * 75% busy with one user, is the bottleneck and the capacity is one user.
     */
    @Test
    void flushesOneByOneMakeTheDiskASecondStation() throws Exception {
        ClosedForm f = of(
                """
                traffic: {arrivals: closed, users: 10, think: 0ms}
                requests: [{name: work, share: 1, write: {locks: 0, cpu: 10ms}}]
                master: {cores: 1, flush: 30ms, group_commit: false, max_connections: 0}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                """);
        assertThat(f.covered()).as(f.why()).isTrue();
        assertThat(f.capacity()).isEqualTo(1);
        assertThat(f.throughput()).isCloseTo(25, offset(1e-9));
        assertThat(f.bottleneck()).isEqualTo("master.disk");
        assertThat(dev.mastersim.analytic.Mva.solve(new double[] {0.010, 0.030}, 0, 2)
                        .throughput(2))
                .isCloseTo(2 / 0.065, offset(1e-9));
    }

    /** The simulated capacity of a closed population lands on MVA's, within the search's one-user step and the utilisation's interval. */
    @Test
    void aClosedPopulationsSimulatedCapacityIsMvas() throws Exception {
        Scenario s = ScenarioLoader.parse(
                "version: 1\n" + POPULATION + "run: {duration: 60s, warmup: 5s, replications: 4, seed: 9}\n",
                "population.yaml",
                List.of());
        ClosedForm f = ClosedForms.capacity(s);
        assertThat(f.covered()).as(f.why()).isTrue();
        CapacityResult c = Capacity.run(s, RunSettings.of(s));
        // every point searched carries its population (its run offers no rate); the capacity is one of them
        assertThat(c.closedPopulation()).isTrue();
        assertThat(c.levels()).hasSameSizeAs(c.points()).allMatch(users -> users >= 1 && users == Math.rint(users));
        RunResult at = c.points().get(c.levels().indexOf(c.capacity()));
        assertThat(at.verdict().saturated()).isFalse();
        Figure u = at.figure("stations", "master.cpu", "utilisation");
        // the search's one-user step, plus the users the utilisation's interval spans at MVA's slope there
        int n = (int) f.capacity();
        var mva = dev.mastersim.analytic.Mva.solve(new double[] {0.010}, 0.090, n + 1);
        double slope = mva.utilisation(n + 1, 0) - mva.utilisation(n, 0);
        double tolerance = 1 + u.ci95() / slope;
        assertThat(c.capacity()).isCloseTo(f.capacity(), offset(tolerance));
        assertThat(JsonReport.capacity(c, f)).contains("\"capacity_users\" : " + (int) f.capacity());
        assertThat(PlanReport.capacityTable(c, f)).contains(Numbers.value(c.capacity()) + " users at the peak hour");
    }
}
