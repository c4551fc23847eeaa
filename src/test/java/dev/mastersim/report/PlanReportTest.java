package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

    /** A closed population's capacity search over 60, 120, 90 and 105 users; its runs offer no rate. */
    private static CapacityResult closedCapacity() {
        Verdict held = new Verdict(false, "", "pool:app", true);
        Verdict over = new Verdict(true, "pool:app is above its limit", "pool:app", true);
        return new CapacityResult(
                "sync",
                105,
                over,
                60,
                List.of(closedRun(held), closedRun(over), closedRun(held), closedRun(held)),
                List.of(60.0, 120.0, 90.0, 105.0));
    }

    /** A closed population's run: its load is a number of users, and it offers no rate. */
    private static RunResult closedRun(Verdict v) {
        return new RunResult("sync", 1, 4, 0, v, Map.of());
    }

    @Test
    void aClosedPopulationsCapacityPointsAreItsUsersNotARateOfZero() {
        CapacityResult c = closedCapacity();
        assertThat(c.closedPopulation()).isTrue();
        String[] lines = PlanReport.capacityTable(c).split(System.lineSeparator());
        assertThat(lines[0])
                .isEqualTo("sync: capacity 105 users at the peak hour (today 60): supported growth factor 1.75,"
                        + " residual capacity 45 users.");
        assertThat(lines[3]).contains("users").doesNotContain("rate/s");
        // one row per point, each with its population, in the order run
        assertThat(List.of(lines).subList(4, 8))
                .extracting(l -> l.trim().split("\\s+")[0])
                .containsExactly("60", "120", "90", "105");

        String[] csv = PlanReport.capacityCsv(c).split("\n");
        assertThat(csv[0]).isEqualTo("rate_per_s,saturated,bottleneck,reason,users");
        assertThat(csv[2]).startsWith("0,true,").endsWith(",120");

        String json = JsonReport.capacity(c);
        assertThat(json).contains("\"rate_per_s\" : 0.0,\n    \"users\" : 120.0,\n    \"saturated\" : true");
    }

    @Test
    void anOpenCapacitySearchKeepsItsRatesAndAddsNoUsers() {
        CapacityResult c = Fixtures.capacity();
        assertThat(c.closedPopulation()).isFalse();
        assertThat(PlanReport.capacityTable(c))
                .contains("requests/s at the peak hour")
                .contains("rate/s");
        assertThat(PlanReport.capacityCsv(c)).startsWith("rate_per_s,saturated,bottleneck,reason\n400,false,");
        assertThat(JsonReport.capacity(c)).doesNotContain("\"users\"");
    }

    @Test
    void aClosedPopulationsPointsCannotBeGivenWithoutTheirUsers() {
        Verdict held = new Verdict(false, "", "pool:app", true);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CapacityResult("sync", 60, held, 60, List.of(closedRun(held))));
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
