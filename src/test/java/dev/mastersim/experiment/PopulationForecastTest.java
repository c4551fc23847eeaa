package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.analytic.Mva;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A closed population that grows: 40 users thinking 1 s (exponential) between requests that each
 * take 10 ms on the master's one CPU and 6 ms on its log disk (both exponential, FIFO, no group
 * commit), growing 10% a month, so month m has round(40 × 1.1^m) users. It is a closed product-form
 * network, whose mean response time at every population exact mean value analysis gives (Reiser and
 * Lavenberg, JACM 1980). With a target on the mean response time and no other limit that can bind
 * (utilisation limit 100%, no pools), the forecast's first saturated month must be the first month
 * whose population exact MVA puts over the target.
 *
 * <p>The target, 200 ms, lies between MVA's 163 ms (month 11, 114 users) and 263 ms (month 12, 126
 * users); the test checks that margin against the simulated months' intervals rather than assuming it.
 */
@ExperimentScale
final class PopulationForecastTest {
    private static final double THINK = 1.0;
    private static final double CPU = 0.010;
    private static final double DISK = 0.006;
    private static final int USERS = 40;
    private static final double GROWTH = 0.10;
    private static final double TARGET = 0.200;
    private static final int MONTHS = 24;

    private static Scenario scenario() throws Exception {
        String yaml =
                """
                version: 1
                name: closed-growth
                traffic:
                  arrivals: closed
                  users: %d
                  think: 1s
                  growth: {start: 2027-01, monthly: 10%%}
                requests:
                  - {name: txn, share: 100%%, write: {locks: 0, cpu: 10ms}}
                master: {cores: 1, flush: 6ms, group_commit: false, max_connections: 0}
                replicas: {count: 0}
                app: {servers: 1, pool: {size: 0}}
                slo: {percentile: mean, target: 200ms, utilisation: 100%%}
                run: {duration: 200s, warmup: 20s, replications: 10, seed: 5}
                forecast: {months: %d}
                """
                        .formatted(USERS, MONTHS);
        return ScenarioLoader.parse(yaml, "closed-growth.yaml", List.of());
    }

    @Test
    void theFirstSaturatedMonthIsTheOneExactMvaPutsOverTheResponseTarget() throws Exception {
        Scenario s = scenario();
        Mva.Result mva = Mva.solve(new double[] {CPU, DISK}, THINK, 1000);
        int exact = -1;
        for (int m = 0; m < MONTHS && exact < 0; m++) {
            if (mva.responseTime(users(m)) > TARGET) {
                exact = m;
            }
        }
        assertThat(exact).as("MVA's month inside the horizon").isBetween(1, MONTHS - 2);

        ForecastResult f = Forecast.run(s, RunSettings.of(s));

        assertThat(f.saturation()).isNotNull();
        assertThat(f.saturation().index()).as("first saturated month").isEqualTo(exact);
        assertThat(f.saturation().result().verdict().reason()).contains("mean response time");
        for (MonthPoint p : f.months()) {
            // the month's load is its population, and the simulation agrees with MVA there
            assertThat(p.rate()).as("users in month %d", p.index()).isEqualTo(users(p.index()));
            double simulated = p.result().mean("all", "response_ms", "mean") / 1e3;
            double ci = p.result().figure("all", "response_ms", "mean").ci95() / 1e3;
            double exactR = mva.responseTime(users(p.index()));
            assertThat(Math.abs(simulated - exactR))
                    .as("month %d: simulated %.4f s ± %.4f against MVA %.4f s", p.index(), simulated, ci, exactR)
                    .isLessThanOrEqualTo(ci + 0.03 * exactR);
            // the decision is clear: the interval lies on the side of the target MVA puts the month on
            if (p.index() == exact - 1) {
                assertThat(simulated + ci).isLessThan(TARGET);
            } else if (p.index() == exact) {
                assertThat(simulated - ci).isGreaterThan(TARGET);
            }
        }
    }

    /**
     * The capacity of a closed population is the largest number of users that is not saturated: MVA's
     * largest population whose mean response is within the target, up to the search's precision (2%, in
     * whole users) and the noise of the runs at its two ends (each user adds about D_max = 10 ms to the
     * response there, so the 95% interval of a few ms moves the answer by at most a user).
     */
    @Test
    void capacityIsTheLargestPopulationExactMvaKeepsUnderTheTarget() throws Exception {
        Scenario s = scenario();
        Mva.Result mva = Mva.solve(new double[] {CPU, DISK}, THINK, 1000);
        int exact = 0;
        while (mva.responseTime(exact + 1) <= TARGET) {
            exact++;
        }
        var c = Capacity.run(s, RunSettings.of(s));
        assertThat(c.today()).isEqualTo(USERS);
        assertThat(c.capacity()).isEqualTo(Math.rint(c.capacity())); // whole users
        assertThat(c.capacity())
                .as("MVA's largest population under %.0f ms: %d", TARGET * 1e3, exact)
                .isBetween(exact - 0.02 * exact - 1, (double) exact + 1);
        assertThat(c.limit().reason()).contains("mean response time");
    }

    private static int users(int month) {
        return (int) Math.round(USERS * Math.pow(1 + GROWTH, month));
    }
}
