package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.experiment.result.Figure;
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

        ClosedForm closed =
                of("traffic: {arrivals: closed, users: 10, think: 1s}\n" + work + bare + "app: {pool: {size: 0}}\n");
        assertThat(closed.why()).startsWith("a closed population");
    }
}
