package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mastersim.scenario.Growth;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The capacity → month inversion against the closed form on compound growth, ln(capacity ÷ rate₀) ÷
 * ln(1 + g), and against crossings worked out by hand on piecewise {@code points} growth.
 */
final class GrowthInversionTest {
    private static final YearMonth START = YearMonth.of(2007, 1);

    private static GrowthInversion monthly(double rate0, double g) {
        return new GrowthInversion(new Growth(START, g, new TreeMap<>()), rate0);
    }

    private static GrowthInversion points(double rate0, Map<YearMonth, Double> points) {
        return new GrowthInversion(new Growth(START, 0, new TreeMap<>(points)), rate0);
    }

    @Test
    void compoundGrowthCrossesWhereTheClosedFormSays() {
        GrowthInversion curve = monthly(300, 0.06);
        for (double capacity : new double[] {301, 633.4, 1020.1, 3907.3, 4958.5, 1e6}) {
            double closed = Math.log(capacity / 300) / Math.log(1.06);
            assertThat(curve.crossing(capacity).getAsDouble()).isCloseTo(closed, within(1e-9 * closed));
            // the first whole month past the crossing, and its rate is the first above the capacity
            int month = curve.firstMonthAbove(capacity).getAsInt();
            assertThat(month).isEqualTo((int) Math.floor(closed) + 1);
            assertThat(curve.rate(month)).isGreaterThan(capacity);
            assertThat(curve.rate(month - 1)).isLessThanOrEqualTo(capacity);
        }
    }

    @Test
    void aCapacityEqualToAMonthsRateSaturatesTheMonthAfter() {
        GrowthInversion curve = monthly(300, 0.06);
        // the capacity is the highest rate found not saturated: month 12 at exactly that rate holds
        assertThat(curve.firstMonthAbove(curve.rate(12)).getAsInt()).isEqualTo(13);
        assertThat(curve.crossing(curve.rate(12)).getAsDouble()).isCloseTo(12, within(1e-9));
    }

    @Test
    void aCapacityBelowTodaysRateIsMonthZero() {
        GrowthInversion curve = monthly(300, 0.06);
        assertThat(curve.firstMonthAbove(250).getAsInt()).isZero();
        assertThat(curve.crossing(250).getAsDouble()).isZero();
    }

    @Test
    void noGrowthOrADeclineNeverReachesAHigherCapacity() {
        assertThat(monthly(300, 0).firstMonthAbove(301)).isEmpty();
        assertThat(monthly(300, 0).crossing(301)).isEmpty();
        assertThat(monthly(300, -0.02).firstMonthAbove(301)).isEmpty();
        assertThat(monthly(300, -0.02).crossing(301)).isEmpty();
        // but a capacity below today's rate is exceeded at once, growth or not
        assertThat(monthly(300, 0).firstMonthAbove(299).getAsInt()).isZero();
    }

    @Test
    void pointsGrowthCrossesOnTheFirstRisingSegmentThatReachesTheCapacity() {
        // x1 in 2007-01 rising to x2 in 2007-09, flat to 2008-01, rising to x4 in 2009-01, flat after
        GrowthInversion curve = points(
                100,
                Map.of(
                        YearMonth.of(2007, 1), 1.0,
                        YearMonth.of(2007, 9), 2.0,
                        YearMonth.of(2008, 1), 2.0,
                        YearMonth.of(2009, 1), 4.0));
        // 170/s = x1.7: 0.7 of the way up the first segment, 8 months long: month 5.6; month 6 is x1.75
        assertThat(curve.crossing(170).getAsDouble()).isCloseTo(5.6, within(1e-9));
        assertThat(curve.firstMonthAbove(170).getAsInt()).isEqualTo(6);
        // 310/s = x3.1: 0.55 of the way up the third segment (months 12 to 24): month 18.6; month 19 is x3.1667
        assertThat(curve.crossing(310).getAsDouble()).isCloseTo(18.6, within(1e-9));
        assertThat(curve.firstMonthAbove(310).getAsInt()).isEqualTo(19);
        // the flat stretch at x2: 200/s is first exceeded where the curve rises again, in month 13 (x2.1667)
        assertThat(curve.crossing(200).getAsDouble()).isCloseTo(8, within(1e-9));
        assertThat(curve.firstMonthAbove(200).getAsInt()).isEqualTo(13);
        // past the last point the curve is flat at x4: never above 400/s
        assertThat(curve.crossing(401)).isEmpty();
        assertThat(curve.firstMonthAbove(400)).isEmpty();
    }

    @Test
    void pointsThatDipCountTheFirstCrossing() {
        GrowthInversion curve = points(
                100,
                Map.of(
                        YearMonth.of(2007, 1), 1.0,
                        YearMonth.of(2007, 5), 3.0,
                        YearMonth.of(2007, 9), 1.0,
                        YearMonth.of(2008, 1), 5.0));
        // x2.5 is 0.75 of the way up the first segment (4 months long): month 3; month 4 is x3
        assertThat(curve.crossing(250).getAsDouble()).isCloseTo(3, within(1e-9));
        assertThat(curve.firstMonthAbove(250).getAsInt()).isEqualTo(4);
        // x4 only on the last segment, months 8 to 12 from x1 to x5: month 11
        assertThat(curve.crossing(400).getAsDouble()).isCloseTo(11, within(1e-9));
        assertThat(curve.firstMonthAbove(400).getAsInt()).isEqualTo(12);
    }

    @Test
    void pointsBeforeTheStartInterpolateThroughMonthZero() {
        // x1 in 2006-07 to x2 in 2007-07: month 0 is x1.5, x1.75 is reached at month 3
        GrowthInversion curve = points(100, Map.of(YearMonth.of(2006, 7), 1.0, YearMonth.of(2007, 7), 2.0));
        assertThat(curve.rate(0)).isCloseTo(150, within(1e-9));
        assertThat(curve.crossing(175).getAsDouble()).isCloseTo(3, within(1e-9));
        assertThat(curve.firstMonthAbove(175).getAsInt()).isEqualTo(4);
    }

    @Test
    void aScenariosCurveStartsAtItsPeakHour() throws Exception {
        String daily = "traffic.daily=[" + "0.5, ".repeat(23) + "0.8]";
        Scenario s = ScenarioLoader.load(Path.of("scenarios/istock-2007.yaml"), List.of(daily));
        GrowthInversion curve = GrowthInversion.of(s);
        assertThat(curve.rate(0)).isEqualTo(140 * 0.8);
        assertThat(curve.rate(12))
                .isEqualTo(Experiment.peakLoad(s, 12, RunSettings.of(s)).rate());
        assertThat(curve.calendar(13)).isEqualTo(YearMonth.of(2008, 10));
    }
}
