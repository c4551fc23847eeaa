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

/** A write queue drained more slowly than writes arrive is unstable, and the verdict names it. */
@ExperimentScale
final class WriteQueueBacklogTest {
    /**
     * Every request is a write, acknowledged on enqueue; one writer takes one write at a time and its
     * transaction is a 5 ms flush: it drains 200 writes a second.
     */
    private static RunResult run(double rate) throws Exception {
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: %s}
                tables: {items: {rows: 1_000_000}}
                requests: [{name: w, share: 1, write: {table: items, locks: 1}}]
                master: {cores: 0, flush: {dist: constant, value: 5ms}}
                replicas: {count: 0}
                write_queue: {enabled: true, batch: 1, max_delay: 0ms, writers: 1}
                run: {duration: 30s, warmup: 5s, replications: 4, seed: 11}
                """
                        .formatted(rate),
                "wq.yaml",
                List.of());
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    @Test
    void writesArrivingFasterThanTheWriterDrainsThemAreUnstableOnTheWriteQueue() throws Exception {
        RunResult r = run(300);
        double span = r.mean("run", "measured_s");
        Figure start = r.figure("run", "write_queue_start");
        Figure end = r.figure("run", "write_queue_end");
        double slope = (end.mean() - start.mean()) / span;
        // arrivals 300/s, drained 1 / 5 ms = 200/s
        assertThat(slope).isCloseTo(300 - 200, offset((end.ci95() + start.ci95()) / span + 0.02 * 300));
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().bottleneck()).isEqualTo("write_queue");
        assertThat(r.verdict().reason())
                .isEqualTo(String.format("unstable: the write queue grows by %.1f writes/s", slope));
    }

    @Test
    void aWriteQueueDrainedFasterThanWritesArriveIsNotUnstable() throws Exception {
        RunResult r = run(120);
        assertThat(r.verdict().reason()).doesNotContain("unstable");
        assertThat(r.verdict().bottleneck()).isNotEqualTo("write_queue");
    }
}
