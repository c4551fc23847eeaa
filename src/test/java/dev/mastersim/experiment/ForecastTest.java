package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import dev.mastersim.scenario.Percentile;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Slo;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * Forecast and capacity on a scenario whose answer is known in closed form: a master CPU with c
 * servers and service S under Poisson traffic growing 5% a month, saturated when its utilisation
 * λS/c exceeds 80%. The closed form gives the month (the first m with λ₀·1.05^m·S/c > 0.8) and the
 * capacity (0.8·c/S).
 */
final class ForecastTest {
    private static final double S = 0.010;
    private static final int C = 8;
    private static final double RATE = 400;

    private static Scenario scenario() {
        Scenario s = TestScenarios.masterCpu(RATE, C, new Dist.Exponential(S), 60, 4);
        Slo byUtilisation = new Slo(Percentile.P99, 1e6, 1.0, 0.8);
        return TestScenarios.with(
                s,
                TestScenarios.growing(RATE, 0.05),
                new Master(C, TestScenarios.ZERO, false, 0, 50, 1),
                byUtilisation,
                24);
    }

    @Test
    void forecastNamesTheMonthTheClosedFormGives() {
        int expected = 0;
        while (RATE * Math.pow(1.05, expected) * S / C <= 0.8) {
            expected++;
        }
        ForecastResult f = Forecast.run(scenario(), RunSettings.of(scenario()));
        assertThat(f.saturation()).isNotNull();
        assertThat(f.saturation().index()).isEqualTo(expected);
        assertThat(f.saturation().month()).isEqualTo(YearMonth.of(2027, 1).plusMonths(expected));
        assertThat(f.saturation().result().verdict().bottleneck()).isEqualTo("master.cpu");
        assertThat(f.months()).extracting(p -> p.index()).contains(expected - 1, expected + 1);
        assertThat(f.months().get(0).index()).isZero();
    }

    @Test
    void theSearchRunsUpwardsFromMonthZeroAndNeverTheHorizonsLastMonth() {
        // months 0, 1, 3, 7, 15 (saturated), then bisection 11, 9, 10, and the approach 8 (9 and 11 ran)
        ForecastResult f = Forecast.run(scenario(), RunSettings.of(scenario()));
        assertThat(f.months()).extracting(p -> p.index()).containsExactly(0, 1, 3, 7, 8, 9, 10, 11, 15);
    }

    @Test
    void capacityIsTheRateWhereUtilisationReachesTheLimit() {
        CapacityResult c = Capacity.run(scenario(), RunSettings.of(scenario()));
        double exact = 0.8 * C / S;
        // the search stops when good and bad rates are within 2%, and the verdict is taken with
        // 95% confidence on a utilisation measured to well under 1%
        assertThat(c.capacity()).isBetween(exact * 0.97, exact * 1.01);
        assertThat(c.limit().bottleneck()).isEqualTo("master.cpu");
        assertThat(c.growthFactor()).isCloseTo(c.capacity() / RATE, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void forecastJsonIsIdenticalWithOneAndTwoThreads() {
        Scenario s = scenario();
        String a = JsonReport.forecast(Forecast.run(s, RunSettings.of(s).withThreads(1)));
        String b = JsonReport.forecast(Forecast.run(s, RunSettings.of(s).withThreads(2)));
        assertThat(b).isEqualTo(a);
    }
}
