package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.DayReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults in a day ({@code run --day}): their {@code at} counts from the start of hour 0 and the
 * timeline starts there; each hour is judged on its time outside the faults' windows; an hour spent
 * wholly inside them is not judged. A low constant rate (no daily profile) keeps a day well under a
 * second.
 */
final class DayFaultsTest {
    private static final double RATE = 20;

    private static DayResult day(String faults, int replications) throws Exception {
        String yaml =
                """
                version: 1
                name: day-faults
                traffic: {rate: %s}
                requests:
                  - {name: read, share: 100%%, reads: 1, read_cost: {dist: constant, value: 2ms}}
                replicas: {count: 1, cores: 1}
                app: {servers: 2}
                run: {warmup: 1min, replications: %d, seed: 11}
                faults:
                %s
                """
                        .formatted(RATE, replications, faults);
        Scenario s = ScenarioLoader.parse(yaml, "day-faults.yaml", List.of(), ScenarioLoader.Span.DAY);
        return Day.run(s, 0, RunSettings.of(s));
    }

    private static Figure fault(RunResult r, String figure) {
        return r.figure("faults", "1-app-restart", figure);
    }

    /**
     * Every app server restarting at 09:30 for 30 s fails every request that arrives meanwhile: a Poisson
     * count of mean λ x 30 s, so the mean over n replications has standard error sqrt(λ x 30 / n), plus
     * the requests in flight at the restart (λ x 2 ms, a few hundredths). The failures fall in the
     * timeline's minute 570 (09:30), none in 569: the fault and the timeline both count from hour 0, not
     * from the warm-up's start.
     */
    @Test
    void aFaultCountsFromHourZeroAndFailsWhatArrivesWhileItLasts() throws Exception {
        int n = 3;
        DayResult d = day("  - {kind: app-restart, at: 570min, length: 30s}", n);
        RunResult day = d.day();

        assertThat(fault(day, "at_s").mean()).isEqualTo(570 * 60.0);
        Figure failed = fault(day, "failed");
        assertThat(failed.mean()).isCloseTo(RATE * 30, within(4 * Math.sqrt(RATE * 30 / n) + 1));
        assertThat(day.mean("timeline", "570", "errors")).isEqualTo(failed.mean());
        assertThat(day.mean("timeline", "569", "errors")).isZero();
        assertThat(day.figures().keySet().stream().filter(p -> p.get(0).equals("timeline")))
                .as("one entry of three figures per minute of the day, the warm-up left out")
                .hasSize(24 * 60 * 3);
        double recovery = fault(day, "recovery_s").mean();
        assertThat(recovery).isFinite();
        // hour 09 is judged on its time outside the window (the fault and its recovery): none of the
        // failures is in its figures
        RunResult nine = d.hours().get(9);
        assertThat(nine.mean("all", "error_rate")).isZero();
        assertThat(nine.mean("run", "measured_s")).isCloseTo(3600 - 30 - recovery, within(1e-6));
        assertThat(d.hours().get(8).mean("run", "measured_s")).isEqualTo(3600.0);
        assertThat(d.notJudged()).isEmpty();
        assertThat(day.mean("all", "error_rate")).isZero();
    }

    /**
     * Every app server down from 10:00 to 12:00: hours 10 and 11 lie wholly inside the fault's window, so
     * there is nothing of them to judge; their figures are the whole hour's (every request failed, which
     * judged would be saturated) and their verdict is not saturated but says why. Hour 12 is judged on
     * its time after the recovery, and the day is not saturated.
     */
    @Test
    void anHourSpentInsideTheFaultsWindowsIsNotJudged() throws Exception {
        DayResult d = day("  - {kind: app-restart, at: 10h, length: 2h}", 2);

        assertThat(d.notJudged()).containsExactlyInAnyOrder(10, 11);
        for (int h : List.of(10, 11)) {
            RunResult hour = d.hours().get(h);
            assertThat(hour.mean("all", "error_rate")).as("hour %d", h).isEqualTo(1.0);
            assertThat(hour.mean("run", "measured_s")).isEqualTo(3600.0);
            assertThat(hour.verdict().saturated()).isFalse();
            assertThat(hour.verdict().reason()).isEqualTo(Day.NOT_JUDGED);
        }
        RunResult twelve = d.hours().get(12);
        double recovery = fault(d.day(), "recovery_s").mean();
        assertThat(twelve.mean("run", "measured_s")).isCloseTo(3600 - recovery, within(1e-6));
        assertThat(twelve.mean("all", "error_rate")).isZero();
        assertThat(d.judged(12)).isTrue();
        assertThat(d.day().verdict().saturated()).isFalse();
        assertThat(d.firstSaturatedHour()).isEmpty();

        String table = DayReport.table(d);
        assertThat(table)
                .contains("fault 1-app-restart, 10:00 for 120 min: ")
                .contains("not judged")
                .contains("12:0");
        assertThat(JsonReport.day(d)).contains("\"judged\" : false");
    }

    @Test
    void aDayWithFaultsIsTheSameWhateverTheThreads() throws Exception {
        String yaml =
                """
                version: 1
                traffic: {rate: 30, daily: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]}
                tables: {t: {rows: 100}}
                requests:
                  - {name: read, share: 70%, reads: 1}
                  - {name: write, share: 30%, write: {table: t, locks: 2}}
                replicas: {count: 2}
                run: {warmup: 1min, replications: 3, seed: 5}
                faults:
                  - {kind: master-restart, at: 9h, length: 5min, cold: {length: 5min, factor: 2}}
                  - {kind: replica-loss, at: 14h, length: 10min, replica: 1}
                """;
        Scenario s = ScenarioLoader.parse(yaml, "det.yaml", List.of(), ScenarioLoader.Span.DAY);
        String one = JsonReport.day(Day.run(s, 0, RunSettings.of(s).withThreads(1)));
        String two = JsonReport.day(Day.run(s, 0, RunSettings.of(s).withThreads(2)));
        assertThat(one).isEqualTo(two).contains("\"kind\" : \"master-restart\"");
    }
}
