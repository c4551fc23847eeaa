package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * More application servers buy months where the app tier binds, and none where the master's locks
 * do: from the mechanism (each server's own cores; one lock table whatever the number of servers),
 * not by construction.
 *
 * <p>Traffic starts at 100 requests/s and grows 10% a month. Each request spends 10 ms (exponential)
 * on its app server's CPU; servers have 2 cores each. An app CPU's utilisation is λ × 10 ms / (servers
 * × 2), past the 90% limit from the first month where λ > 0.9 × servers × 2 / 10 ms: with 2 servers
 * month 14 (U = 0.95; 0.86 the month before), with 4 servers month 21 (U = 0.93; 0.84 before). So
 * doubling the servers buys 7 months. In the second scenario every request also takes one exclusive
 * lock on the same row and holds it 1.16 ms, and 1 ms of app CPU: the lock table passes its limit
 * (a blocked fraction of 30%) long before any app CPU does, and more servers change nothing there.
 */
@ExperimentScale
final class AppServerMonthsTest {
    private static final double RATE = 100;
    private static final double GROWTH = 0.10;
    private static final int MONTHS = 24;

    private static Scenario scenario(int servers, String appCpu, String write, int months) throws Exception {
        String yaml =
                """
                version: 1
                name: app-months
                traffic: {rate: %s, growth: {start: 2027-01, monthly: 10%%}}
                tables: {hot: {rows: 1}}
                requests:
                  - {name: page, share: 100%%, app_cpu: %s%s}
                master: {cores: 8, flush: 0ms}
                replicas: {count: 0}
                app: {servers: %d, cores: 2, pool: {size: 0}}
                slo: {target: 2s}
                run: {duration: 60s, warmup: 10s, replications: 10, seed: 3}
                forecast: {months: %d}
                """
                        .formatted(RATE, appCpu, write, servers, months);
        return ScenarioLoader.parse(yaml, "app-months.yaml", List.of());
    }

    /** The first month whose app CPUs pass 90%: λ_m × work / (servers × cores) > 0.9. */
    private static int appMonth(int servers, double work) {
        for (int m = 0; m < MONTHS; m++) {
            if (RATE * Math.pow(1 + GROWTH, m) * work / (servers * 2) > 0.9) {
                return m;
            }
        }
        return -1;
    }

    private static ForecastResult forecast(Scenario s) {
        return Forecast.run(s, RunSettings.of(s));
    }

    @Test
    void moreAppServersBuyMonthsWhereTheAppTierBinds() throws Exception {
        ForecastResult two = forecast(scenario(2, "{dist: exponential, mean: 10ms}", "", MONTHS));
        ForecastResult four = forecast(scenario(4, "{dist: exponential, mean: 10ms}", "", MONTHS));

        assertThat(two.saturation()).isNotNull();
        assertThat(four.saturation()).isNotNull();
        assertThat(two.saturation().index()).isEqualTo(appMonth(2, 0.010)).isEqualTo(14);
        assertThat(four.saturation().index()).isEqualTo(appMonth(4, 0.010)).isEqualTo(21);
        for (ForecastResult f : List.of(two, four)) {
            String bottleneck = f.saturation().result().verdict().bottleneck();
            assertThat(bottleneck).startsWith("app-").endsWith(".cpu");
        }
    }

    @Test
    void moreAppServersBuyNothingWhereTheMastersLocksBind() throws Exception {
        String lock = ", write: {table: hot, locks: 1, cpu_per_lock: {dist: constant, value: 1.16ms}}";
        // 18 months: the hot row is 59% busy in the last, past its limit but not overloaded
        ForecastResult two = forecast(scenario(2, "1ms", lock, 18));
        ForecastResult four = forecast(scenario(4, "1ms", lock, 18));

        assertThat(two.saturation()).isNotNull();
        assertThat(four.saturation()).isNotNull();
        assertThat(two.saturation().result().verdict().bottleneck()).isEqualTo("master.locks:hot");
        assertThat(four.saturation().result().verdict().bottleneck()).isEqualTo("master.locks:hot");
        assertThat(four.saturation().index())
                .as("months bought")
                .isEqualTo(two.saturation().index());
        // the app tier is far from binding: 1 ms of app CPU passes 90% only in month 38 with two servers
        assertThat(appMonth(2, 0.001)).isEqualTo(-1);
        for (ForecastResult f : List.of(two, four)) {
            assertThat(f.saturation().result().verdict().indices().get("app-1.cpu"))
                    .isLessThan(0.25);
        }
    }
}
