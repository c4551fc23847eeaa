package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import dev.mastersim.scenario.Percentile;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Slo;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compare on a master CPU whose capacity is known in closed form (8 or 16 cores of 10 ms, saturated
 * past 80% utilisation: 0.8·c/S requests/s): months past the horizon come from the capacity and the
 * growth curve, and arms rank by month, then capacity; with 0% growth by capacity alone.
 */
final class CompareTest {
    private static final double S = 0.010;
    private static final double RATE = 400;

    private static Scenario cpu(int cores, double growth, int months) {
        Scenario s = TestScenarios.masterCpu(RATE, cores, new Dist.Exponential(S), 30, 4);
        return TestScenarios.with(
                s,
                TestScenarios.growing(RATE, growth),
                new Master(cores, TestScenarios.ZERO, false, 0, 50, 1),
                new Slo(Percentile.P99, 1e6, 1.0, 0.8),
                months);
    }

    private static List<Arm> compare(double growth, int months) {
        Map<String, Scenario> arms = new LinkedHashMap<>();
        arms.put("baseline", cpu(8, growth, months));
        arms.put("sixteen-cores", cpu(16, growth, months));
        Scenario base = arms.get("baseline");
        return Compare.run(arms, RunSettings.of(base));
    }

    @Test
    void anArmThatOutlastsTheHorizonGetsTheMonthItsCapacityReachesOnTheGrowthCurve() {
        // 5% a month from 400/s: 8 cores (640/s) saturate in month 10, inside 12 months; 16 cores
        // (1280/s) hold to the horizon and reach their capacity in month 24
        List<Arm> arms = compare(0.05, 12);
        Arm base = arms.get(0);
        Arm sixteen = arms.get(1);
        assertThat(base.derived()).isFalse();
        assertThat(base.monthIndex()).isEqualTo(10);
        assertThat(base.saturationMonth()).isEqualTo(YearMonth.of(2027, 11));
        assertThat(base.forecast().saturation().index()).isEqualTo(10);

        assertThat(sixteen.derived()).isTrue();
        assertThat(sixteen.forecast().saturation()).isNull();
        double capacity = sixteen.capacity().capacity();
        // bracketed to within a month's growth below the closed form's 1280/s
        assertThat(capacity).isBetween(1280 / 1.05 * 0.99, 1280 * 1.01);
        // the month is the closed form's at the arm's capacity: the first whole month past ln(c / r0) / ln(1.05)
        int closed = (int) Math.floor(Math.log(capacity / RATE) / Math.log(1.05)) + 1;
        assertThat(sixteen.monthIndex()).isEqualTo(closed).isBetween(23, 24);
        assertThat(sixteen.saturationMonth()).isEqualTo(YearMonth.of(2027, 1).plusMonths(closed));
        assertThat(sixteen.monthsBought()).isEqualTo(closed - 10);
        assertThat(sixteen.capacityGain()).isEqualTo(capacity / base.capacity().capacity());
        assertThat(sixteen.rank()).isEqualTo(1);
        assertThat(base.rank()).isEqualTo(2);
        assertThat(JsonReport.compare(arms)).contains("\"derived\" : true", "\"rank\" : 1");
    }

    @Test
    void withNoGrowthNoArmHasAMonthAndArmsRankByCapacityGain() {
        List<Arm> arms = compare(0, 12);
        Arm base = arms.get(0);
        Arm sixteen = arms.get(1);
        for (Arm a : arms) {
            assertThat(a.saturationMonth()).isNull();
            assertThat(a.monthIndex()).isNull();
            assertThat(a.monthsBought()).isNull();
        }
        // each capacity to within 2% below its closed form (640/s, 1280/s)
        assertThat(base.capacity().capacity()).isBetween(640 * 0.98 * 0.99, 640 * 1.01);
        assertThat(sixteen.capacity().capacity()).isBetween(1280 * 0.98 * 0.99, 1280 * 1.01);
        assertThat(base.capacityGain()).isEqualTo(1.0);
        assertThat(sixteen.capacityGain()).isBetween(2 * 0.97, 2 * 1.03);
        assertThat(sixteen.rank()).isEqualTo(1);
        assertThat(base.rank()).isEqualTo(2);
        String json = JsonReport.compare(arms);
        assertThat(json).contains("\"saturation_month\" : null", "\"months_bought\" : null");
    }

    @Test
    void armsRankByMonthThenCapacityAndEqualArmsShareARank() {
        ForecastResult none = new ForecastResult("s", null, List.of(), 36);
        Verdict v = new Verdict(true, "", "master.cpu", true);
        List<Arm> arms = Compare.ranked(List.of(
                arm("baseline", 13, 600, none, v),
                arm("same", 13, 600, none, v),
                arm("later", 40, 3000, none, v),
                arm("latest-but-smaller", 45, 2500, none, v),
                arm("never", null, 900, none, v),
                arm("same-month-more-capacity", 40, 3100, none, v)));
        assertThat(arms)
                .extracting(Arm::name, Arm::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("baseline", 5),
                        org.assertj.core.groups.Tuple.tuple("same", 5),
                        org.assertj.core.groups.Tuple.tuple("later", 4),
                        org.assertj.core.groups.Tuple.tuple("latest-but-smaller", 2),
                        org.assertj.core.groups.Tuple.tuple("never", 1),
                        org.assertj.core.groups.Tuple.tuple("same-month-more-capacity", 3));
    }

    @Test
    void amongArmsOfTheSameMonthAFreeOneRanksFirstEvenWithLessCapacity() {
        ForecastResult none = new ForecastResult("s", null, List.of(), 36);
        Verdict v = new Verdict(true, "", "master.cpu", true);
        List<Arm> arms = Compare.ranked(List.of(
                arm("baseline", 13, 600, none, v).withCost("USD", 1000),
                arm("paid", 40, 3100, none, v).withCost("USD", 1500),
                arm("free", 40, 3000, none, v).withCost("USD", 1000)));
        assertThat(arms)
                .extracting(Arm::name, Arm::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("baseline", 3),
                        org.assertj.core.groups.Tuple.tuple("paid", 2),
                        org.assertj.core.groups.Tuple.tuple("free", 1));
    }

    private static Arm arm(String name, Integer month, double capacity, ForecastResult f, Verdict v) {
        return new Arm(
                name,
                f,
                new CapacityResult("s", capacity, v, 300, List.of()),
                month == null ? null : YearMonth.of(2007, 1).plusMonths(month),
                month,
                month != null && month >= 36,
                null,
                false,
                Double.NaN);
    }
}
