package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The terminal table of a run. */
final class TableReportTest {
    /**
     * A run with faults: the faults' figures under {@code faults}, and the timeline one line a minute,
     * each minute a fault's window covers marked with its number, never as one row per figure.
     */
    @Test
    void aRunWithFaultsShowsItsTimelineOneLineAMinute() {
        String table = TableReport.run(Fixtures.faulted());

        assertThat(table).contains("each fault's cost is under faults").contains("  1-replica-loss");
        assertThat(table).contains("timeline (per minute of the run, warm-up included)");
        assertThat(table.lines().filter(l -> l.matches("  \\d+ .*"))).hasSize(12);
        // the replica is lost from 120 s to 300 s: minutes 2, 3 and 4; the app restart from 480 s to 570 s
        assertThat(table.lines().filter(l -> l.matches("  [234] .*  1"))).hasSize(3);
        assertThat(table.lines().filter(l -> l.matches("  [89] .*  2"))).hasSize(2);
        assertThat(table).doesNotContain("response_ms      ").doesNotContain("timeline\n  0\n");
        assertThat(TableReport.run(Fixtures.run(600))).doesNotContain("timeline");
    }

    /** A closed population offers no rate: its first line says what it was served, not "0 requests/s". */
    @Test
    void aClosedPopulationsRunSaysWhatItWasServed() {
        var open = Fixtures.run(600);
        var closed = new dev.mastersim.experiment.result.RunResult(
                open.scenario(), open.seed(), open.replications(), 0, open.verdict(), open.figures());
        assertThat(TableReport.run(open)).startsWith("shop: 600 requests/s, 4 replications, seed 42");
        assertThat(TableReport.run(closed))
                .startsWith("shop: a closed population served 599.4 requests/s, 4 replications, seed 42");
    }
}
