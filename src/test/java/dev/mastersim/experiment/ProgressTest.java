package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Defaults;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress counts replications as they finish on worker threads, and never changes a result. */
final class ProgressTest {
    private record Update(long done, long expected, String message) {}

    /** Records every update; Progress promises one call at a time, so no lock here. */
    private static final class Recorder implements Progress.Listener {
        final List<Update> updates = new ArrayList<>();

        @Override
        public void update(long done, long expected, String message) {
            updates.add(new Update(done, expected, message));
        }

        Update last() {
            return updates.get(updates.size() - 1);
        }
    }

    @Test
    void aRunCountsEveryReplicationOnceWhateverTheThreads() {
        Scenario s = TestScenarios.masterCpu(200, 1, new Dist.Exponential(0.001), 5, 8);
        Recorder rec = new Recorder();
        RunSettings settings = RunSettings.of(s).withThreads(2).withProgress(Progress.to(rec));
        Experiment.run(s, Experiment.peakLoad(s, 0, settings), settings);
        assertThat(rec.last()).isEqualTo(new Update(8, 8, ""));
        assertThat(rec.updates).hasSize(1 + 8); // the start, then one per replication
        for (int i = 1; i < rec.updates.size(); i++) {
            assertThat(rec.updates.get(i).done())
                    .isEqualTo(rec.updates.get(i - 1).done() + 1);
        }
    }

    @Test
    void aForecastsTotalGrowsAsItSearchesAndEndsComplete() {
        // a one-core master at 40% utilisation in month 0, growing 10% a month: saturated near month 9
        Scenario s = TestScenarios.with(
                TestScenarios.masterCpu(100, 1, new Dist.Exponential(0.004), 20, 2),
                TestScenarios.growing(100, 0.10),
                new Master(1, TestScenarios.ZERO, false, 0, 50, 1),
                Defaults.SLO,
                24);
        Recorder rec = new Recorder();
        Forecast.run(s, RunSettings.of(s).withProgress(Progress.to(rec)));
        Update last = rec.last();
        assertThat(last.done()).isEqualTo(last.expected()).isGreaterThanOrEqualTo(2 * 4);
        assertThat(rec.updates.stream().map(Update::expected).distinct().count())
                .as("the total grows during the search")
                .isGreaterThan(2);
        assertThat(rec.updates).anyMatch(u -> u.message().matches("forecast 20\\d\\d-\\d\\d"));
        for (int i = 1; i < rec.updates.size(); i++) {
            assertThat(rec.updates.get(i).expected())
                    .isGreaterThanOrEqualTo(rec.updates.get(i - 1).expected());
            assertThat(rec.updates.get(i).done())
                    .isLessThanOrEqualTo(rec.updates.get(i).expected());
        }
    }

    @Test
    void aSweepAnnouncesItsTotalFirst() {
        Scenario s = TestScenarios.masterCpu(200, 1, new Dist.Exponential(0.001), 5, 3);
        Recorder rec = new Recorder();
        RunSettings settings = RunSettings.of(s).withProgress(Progress.to(rec));
        Sweep.run("x", List.of(new Sweep.Point("a", s, settings), new Sweep.Point("b", s, settings)));
        assertThat(rec.updates.get(1).expected()).isEqualTo(6);
        assertThat(rec.updates).allMatch(u -> u.expected() == 6 || u.expected() == 3);
        assertThat(rec.updates).anyMatch(u -> u.message().equals("x=b"));
        assertThat(rec.last()).isEqualTo(new Update(6, 6, "x=b"));
    }

    @Test
    void listeningChangesNoResult() {
        Scenario s = TestScenarios.lockWorkload(200, 4, 500, new Dist.Exponential(0.005), 10, 4);
        RunSettings quiet = RunSettings.of(s).withThreads(2);
        RunSettings heard = quiet.withProgress(Progress.to((done, expected, message) -> {}));
        ForecastResult a = Forecast.run(s, quiet);
        ForecastResult b = Forecast.run(s, heard);
        assertThat(JsonReport.forecast(b)).isEqualTo(JsonReport.forecast(a));
    }
}
