package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group commit with {@code flush_per_commit}: a flush of n commits takes F + n·c, a batch server.
 * While the disk is busy, the next batch is what arrived during the last flush, so in steady state
 * n = λ(F + n·c), n = λF/(1 − λc): finite only for λ &lt; 1/c, the ceiling.
 */
@ExperimentScale
final class GroupCommitCeilingTest {
    private static final double F = 0.002;
    private static final double C = 0.001;

    private static RunResult run(double rate) throws Exception {
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: %s}
                requests:
                  - {name: w, share: 1, write: {locks: 0}}
                master: {cores: 0, flush: {dist: constant, value: 2ms}, group_commit: true, flush_per_commit: 1ms}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                run: {duration: 60s, warmup: 5s, replications: 4, seed: 7}
                """
                        .formatted(rate),
                "group.yaml",
                List.of());
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    @Test
    void belowTheCeilingBatchesAreTheBatchServersAndTheIndexIsCommitsTimesC() throws Exception {
        double rate = 800;
        RunResult r = run(rate);
        Figure n = r.figure("stations", "master.disk", "commits_per_flush");
        double closed = rate * F / (1 - rate * C);
        assertThat(n.mean()).isCloseTo(closed, offset(n.ci95() + 0.02 * closed));
        assertThat(r.verdict().indices().get("master.disk"))
                .isCloseTo(r.mean("run", "commits_per_s") * C / 0.9, offset(0.01));
        assertThat(r.verdict().saturated()).isFalse();
    }

    @Test
    void pastTheCeilingTheDiskIsTheBottleneck() throws Exception {
        RunResult r = run(1.15 / C);
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().bottleneck()).isEqualTo("master.disk");
        assertThat(r.mean("run", "commits_per_s")).isLessThan(1 / C * 1.01);
    }
}
