package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PlanReportTest {
    private static RunResult run(Verdict v) {
        return new RunResult("s", 1, 4, 100, v, Map.of());
    }

    @Test
    void aVerdictStillUndecidedAtTheCapIsMarkedAndExplained() {
        Verdict sure = new Verdict(false, "", "master.cpu", true);
        Verdict unsure = new Verdict(false, "", "master.cpu", false);
        Verdict unsureSaturated = new Verdict(true, "p99 ... (undecided: ...)", "master.cpu", false);
        assertThat(PlanReport.word(sure)).isEqualTo("ok");
        assertThat(PlanReport.word(unsure)).isEqualTo("ok?");
        assertThat(PlanReport.word(new Verdict(true, "x", "master.cpu", true))).isEqualTo("SATURATED");
        assertThat(PlanReport.word(unsureSaturated)).isEqualTo("SATURATED?");
        assertThat(PlanReport.undecidedNote(List.of(run(sure)))).isEmpty();
        assertThat(PlanReport.undecidedNote(List.of(run(sure), run(unsure))))
                .startsWith("? undecided: a 95% interval still straddles a limit");
    }

    /**
     * A month of a closed population whose only load index is {@code index} on the sync servers' threads:
     * its level is {@code 100 x index} users, and its run offers no rate.
     */
    private static MonthPoint month(int i, double index) {
        Verdict v = new Verdict(false, "", "pool:app", true, Map.of("pool:app", index));
        return new MonthPoint(
                YearMonth.of(2015, 6).plusMonths(i), i, 100 * index, new RunResult("s", 1, 4, 0, v, Map.of()));
    }

    @Test
    void underASeasonalCurveTheHeadroomIsReadAtTheTightestMonthNotAtTheHorizon() {
        // the peak season (month 2, 0.98) lies before the horizon's quieter month (0.79)
        List<MonthPoint> months = List.of(month(0, 0.6), month(1, 0.82), month(2, 0.98), month(3, 0.79));
        ForecastResult seasonal = new ForecastResult("sync", null, months, 4);
        assertThat(PlanReport.headroomMonth(seasonal).index()).isEqualTo(2);
        assertThat(PlanReport.headroomSentence(seasonal))
                .startsWith("In 2015-08, the tightest month simulated (the load falls after it), the highest"
                        + " load index is pool:app at 0.98 of its limit");

        List<MonthPoint> growing = List.of(month(0, 0.6), month(1, 0.82), month(2, 0.98));
        assertThat(PlanReport.headroomSentence(new ForecastResult("sync", null, growing, 3)))
                .startsWith("At the horizon (2015-08)");
    }

    @Test
    void anArmWhoseCapacityTheLoadNeverReachesIsSaidToRemoveTheSaturation() {
        List<MonthPoint> months = new ArrayList<>(List.of(month(0, 0.6), month(1, 0.82)));
        Verdict over = new Verdict(true, "pool:app is above its limit", "pool:app", true, Map.of("pool:app", 1.1));
        MonthPoint saturated =
                new MonthPoint(YearMonth.of(2015, 8), 2, 110, new RunResult("s", 1, 4, 0, over, Map.of()));
        months.add(saturated);
        ForecastResult base = new ForecastResult("sync", saturated, months, 12);
        ForecastResult never = new ForecastResult("sync", null, months.subList(0, 2), 12);
        Arm baseline = new Arm("baseline", base, new CapacityResult("sync", 100, over, 60, List.of()), 0, false);
        Arm threads = new Arm(
                "concurrent-sync-calls-long-name",
                never,
                new CapacityResult("sync", 590, over, 60, List.of()),
                null,
                null,
                false,
                null,
                false,
                5.9);
        assertThat(PlanReport.compareSentence(List.of(baseline, threads)))
                .isEqualTo("concurrent-sync-calls-long-name removes the saturation: the load never reaches its"
                        + " capacity of 590 users, against the baseline's 100, which saturates in 2015-08.");
        assertThat(PlanReport.forecastSentence(base))
                .startsWith("sync saturates in 2015-08 (month 2, 110 users at the peak hour)");
        // a name longer than the column widens it: every row's second column starts at the same place
        String[] lines = PlanReport.compareTable(List.of(baseline, threads)).split("\n");
        assertThat(lines[2].indexOf("saturates")).isEqualTo(lines[3].indexOf("2015-08"));
        assertThat(lines[2].indexOf("saturates")).isEqualTo(lines[4].indexOf("never"));
        assertThat(lines[2]).contains("users").doesNotContain("capacity/s");
        // an open forecast's levels stay rates
        assertThat(PlanReport.forecastSentence(Fixtures.forecast())).contains("requests/s at the peak hour");
    }
}
