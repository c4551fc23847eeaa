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

    // slo.target 10s: past the ceiling the backlog (150 commits/s) would pass the early stop's bound of
    // 10 x rate x target in flight within the run at the default 500ms; these tests watch it grow for
    // the whole run
    private static RunResult run(double rate) throws Exception {
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: %s}
                requests:
                  - {name: w, share: 1, write: {locks: 0}}
                master: {cores: 0, flush: {dist: constant, value: 2ms}, group_commit: true, flush_per_commit: 1ms,
                         max_connections: 0}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                slo: {target: 10s}
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

    /**
     * Past the ceiling the commits queued at the disk grow by at least arrivals − 1/c a second (a commit has
     * nothing to do but its flush here, and no connection cap holds it back, so what arrives and is
     * not flushed waits at the disk): the verdict is "unstable" on the disk, with that slope.
     */
    @Test
    void pastTheCeilingTheDisksBacklogGrowsAndIsNamedUnstable() throws Exception {
        double rate = 1.15 / C;
        RunResult r = run(rate);
        double span = r.mean("run", "measured_s");
        Figure start = r.figure("stations", "master.disk", "commits_queued_start");
        Figure end = r.figure("stations", "master.disk", "commits_queued_end");
        double slope = (end.mean() - start.mean()) / span;
        // conservation: every arrival not yet committed is queued at the disk
        assertThat(slope)
                .isCloseTo(r.mean("run", "arrivals_per_s") - r.mean("run", "commits_per_s"), offset(1e-9 * rate));
        // at least the fluid slope of a batch server past its ceiling, arrivals − 1/c: it flushes at
        // most 1/c commits a second, and less at a window's end, where a flush of a growing batch
        // (each λc = 1.15 times the last) is still under way
        assertThat(slope).isGreaterThan(rate - 1 / C - (end.ci95() + start.ci95()) / span);
        assertThat(r.verdict().reason())
                .isEqualTo(String.format("unstable: commits queued at master.disk grow by %.1f commits/s", slope));
        assertThat(r.verdict().bottleneck()).isEqualTo("master.disk");
    }

    @Test
    void belowTheCeilingTheDisksBacklogDoesNotGrow() throws Exception {
        RunResult r = run(800);
        double span = r.mean("run", "measured_s");
        Figure start = r.figure("stations", "master.disk", "commits_queued_start");
        Figure end = r.figure("stations", "master.disk", "commits_queued_end");
        assertThat((end.mean() - start.mean()) / span).isLessThan(0.02 * 800);
        assertThat(r.verdict().reason()).doesNotContain("unstable");
    }
}
