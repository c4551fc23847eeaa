package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same scenario and seed give the same JSON, byte for byte, whatever the number of threads. */
final class DeterminismTest {
    @Test
    void jsonIsIdenticalWithOneAndTwoThreads() {
        Scenario s = TestScenarios.lockWorkload(200, 4, 500, new Dist.Exponential(0.005), 30, 4);
        RunSettings one = RunSettings.of(s).withThreads(1);
        RunSettings two = RunSettings.of(s).withThreads(2);
        String a = JsonReport.run(Experiment.run(s, Experiment.peakLoad(s, 0, one), one));
        String b = JsonReport.run(Experiment.run(s, Experiment.peakLoad(s, 0, two), two));
        assertThat(b).isEqualTo(a);
        assertThat(a).contains("\"wait_probability\"");
    }

    @Test
    void aDaysJsonIsIdenticalWithOneAndTwoThreads() throws Exception {
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: 5, daily: [0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.9, 1, 1, 1,
                                           1, 1, 1, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
                          spikes: [{at: 9h, length: 10min, factor: 4}]}
                tables: {items: {rows: 200}}
                requests:
                  - {name: r, share: 70%, reads: 2}
                  - {name: w, share: 30%, write: {table: items, locks: 3, cpu_per_lock: 2ms, roundtrip: 5ms}}
                replicas: {count: 2}
                run: {warmup: 30s, replications: 2}
                """,
                "day.yaml", List.of());
        RunSettings one = RunSettings.of(s).withThreads(1);
        RunSettings two = RunSettings.of(s).withThreads(2);
        String a = JsonReport.day(Day.run(s, 0, one));
        String b = JsonReport.day(Day.run(s, 0, two));
        assertThat(b).isEqualTo(a);
        assertThat(a).contains("\"hours\"").contains("\"wait_probability\"");
    }

    @Test
    void anotherSeedGivesOtherNumbers() {
        Scenario s = TestScenarios.masterCpu(500, 1, new Dist.Exponential(0.001), 20, 2);
        RunSettings a = RunSettings.of(s);
        RunResult r1 = Experiment.run(s, Experiment.peakLoad(s, 0, a), a);
        RunResult r2 = Experiment.run(s, Experiment.peakLoad(s, 0, a.withSeed(43)), a.withSeed(43));
        assertThat(r2.mean("all", "response_ms", "mean")).isNotEqualTo(r1.mean("all", "response_ms", "mean"));
    }
}
