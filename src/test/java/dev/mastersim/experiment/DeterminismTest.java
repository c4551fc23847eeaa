package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
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
    void anotherSeedGivesOtherNumbers() {
        Scenario s = TestScenarios.masterCpu(500, 1, new Dist.Exponential(0.001), 20, 2);
        RunSettings a = RunSettings.of(s);
        RunResult r1 = Experiment.run(s, Experiment.peakLoad(s, 0, a), a);
        RunResult r2 = Experiment.run(s, Experiment.peakLoad(s, 0, a.withSeed(43)), a.withSeed(43));
        assertThat(r2.mean("all", "response_ms", "mean")).isNotEqualTo(r1.mean("all", "response_ms", "mean"));
    }
}
