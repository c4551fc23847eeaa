package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.analytic.MMc;
import dev.mastersim.analytic.Mva;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.DayReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A day: 24 real hours at a low rate (so a day costs well under a second), measured hour by hour
 * in one continuous run. Throughput tolerances come from the run length: an hour's completions are
 * (up to the few requests in flight at its edges) a Poisson count over 3600 s, so the mean over
 * {@code n} replications has standard error sqrt(λ / (3600 n)); four of them are allowed.
 */
final class DayTest {
    private static final double[] DAILY = {
        0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.6, 0.8, 0.9, 1.0, 1.0,
        1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 0.9, 0.7, 0.5, 0.4
    };

    private static Scenario scenario(String traffic, int replications) throws Exception {
        String yaml =
                """
                version: 1
                name: day
                traffic: %s
                requests:
                  - {name: read, share: 100%%, reads: 1, read_cost: 2ms}
                replicas: {count: 1, cores: 1}
                run: {warmup: 1min, replications: %d, seed: 7}
                """
                        .formatted(traffic, replications);
        return ScenarioLoader.parse(yaml, "day.yaml", List.of());
    }

    private static String daily(double[] d) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < d.length; i++) {
            b.append(i == 0 ? "" : ", ").append(d[i]);
        }
        return b.append(']').toString();
    }

    private static double tolerance(double rate, int replications) {
        return 4 * Math.sqrt(rate / (3600.0 * replications));
    }

    @Test
    void eachHoursThroughputFollowsTheDailyProfile() throws Exception {
        Scenario s = scenario("{rate: 12, daily: " + daily(DAILY) + "}", 3);
        DayResult d = Day.run(s, 0, RunSettings.of(s));
        assertThat(d.hours()).hasSize(24);
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            double rate = 12 * DAILY[h];
            RunResult hour = d.hours().get(h);
            assertThat(hour.rate()).isCloseTo(rate, offset(1e-9));
            assertThat(hour.mean("all", "throughput_per_s"))
                    .as("hour %d", h)
                    .isCloseTo(rate, offset(tolerance(rate, 3)));
            assertThat(hour.mean("run", "measured_s")).isEqualTo(3600.0);
            assertThat(hour.figure("all", "throughput_per_s").ci95()).isPositive();
            sum += rate;
        }
        double mean = sum / 24;
        assertThat(d.day().rate()).isCloseTo(mean, offset(1e-9));
        assertThat(d.day().mean("all", "throughput_per_s")).isCloseTo(mean, offset(tolerance(mean, 3) / Math.sqrt(24)));
        assertThat(d.day().mean("run", "measured_s")).isEqualTo(86_400.0);
        assertThat(d.peakHour()).isEqualTo(10);
        assertThat(d.firstSaturatedHour()).isEmpty();
        assertThat(d.day().verdict().saturated()).isFalse();
    }

    /**
     * A spike multiplies its hours' throughput by 1 + (factor − 1) × the share of the hour it
     * covers; its time counts from the start of hour 0, not from the start of the warm-up.
     */
    @Test
    void aSpikeShowsInItsHoursByItsFactorTimesItsShare() throws Exception {
        Scenario s = scenario(
                "{rate: 10, spikes: [{at: 615min, length: 30min, factor: 3}, {at: 825min, length: 30min, factor: 5},"
                        + " {at: 3h, length: 1h, factor: 0.5}]}",
                3);
        DayResult d = Day.run(s, 0, RunSettings.of(s));
        double[] expected = new double[24];
        java.util.Arrays.fill(expected, 10);
        expected[10] = 10 * (1 + 2 * 0.5); // 10:15-10:45
        expected[13] = 10 * (1 + 4 * 0.25); // 13:45-14:15
        expected[14] = 10 * (1 + 4 * 0.25);
        expected[3] = 10 * 0.5; // a dip through hour 3
        for (int h = 0; h < 24; h++) {
            assertThat(d.hours().get(h).rate()).as("offered, hour %d", h).isCloseTo(expected[h], offset(1e-9));
            assertThat(d.hours().get(h).mean("all", "throughput_per_s"))
                    .as("hour %d", h)
                    .isCloseTo(expected[h], offset(tolerance(expected[h], 3)));
        }
        assertThat(d.peakHour()).isEqualTo(10);
    }

    /**
     * One continuous run: an hour above the replica's capacity leaves a backlog that the next hour
     * inherits. Its requests then wait far longer than the M/M/1 queue of the next hour's own rate
     * would make them, and the requests in flight at the end of one hour are those at the start of
     * the next, replication by replication.
     */
    @Test
    void aBacklogBuiltInASaturatedHourCarriesIntoTheNext() throws Exception {
        double[] daily = new double[24];
        java.util.Arrays.fill(daily, 0.1);
        daily[1] = 0.6; // 6 requests/s against a capacity of 1/190ms = 5.26
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                name: backlog
                traffic: {rate: 10, daily: %s}
                requests:
                  - {name: read, share: 100%%, reads: 1, read_cost: 190ms}
                replicas: {count: 1, cores: 1}
                app: {pool: {size: 0}}
                slo: {target: 5s}
                run: {warmup: 1min, replications: 3, seed: 7}
                """
                        .formatted(daily(daily)),
                "backlog.yaml",
                List.of());
        DayResult d = Day.run(s, 0, RunSettings.of(s));
        double ownQueue = new MMc(1, 0.190, 1).meanResponse() * 1e3;

        RunResult before = d.hours().get(0);
        RunResult saturated = d.hours().get(1);
        RunResult after = d.hours().get(2);
        assertThat(before.verdict().saturated()).isFalse();
        assertThat(before.mean("all", "response_ms", "mean")).isLessThan(2 * ownQueue);
        assertThat(saturated.verdict().saturated()).isTrue();
        assertThat(saturated.mean("run", "in_flight_end")).isGreaterThan(1000);
        assertThat(after.figure("run", "in_flight_start")).isEqualTo(saturated.figure("run", "in_flight_end"));
        assertThat(after.mean("all", "response_ms", "mean"))
                .as("hour 2 inherits hour 1's backlog")
                .isGreaterThan(100 * ownQueue);
        assertThat(d.hours().get(3).mean("all", "response_ms", "mean"))
                .as("drained by hour 3")
                .isLessThan(2 * ownQueue);
        for (int h = 0; h < 23; h++) {
            assertThat(d.hours().get(h + 1).figure("run", "in_flight_start"))
                    .isEqualTo(d.hours().get(h).figure("run", "in_flight_end"));
        }
        assertThat(d.firstSaturatedHour()).hasValue(1);
        assertThat(d.day().verdict().saturated()).isTrue();
        assertThat(d.day().verdict().reason()).startsWith("hour 01: ");
    }

    /** An hour far above capacity stops each replication at the in-flight bound, in bounded memory. */
    @Test
    void anOverloadedHourEndsTheDayWithThatVerdict() throws Exception {
        double[] daily = new double[24];
        java.util.Arrays.fill(daily, 0.1);
        daily[5] = 5; // 50 requests/s against 5.26
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                name: overload
                traffic: {rate: 10, daily: %s}
                requests:
                  - {name: read, share: 100%%, reads: 1, read_cost: 190ms}
                replicas: {count: 1, cores: 1}
                app: {pool: {size: 0}}
                slo: {target: 5s}
                run: {warmup: 1min, replications: 2, seed: 7}
                """
                        .formatted(daily(daily)),
                "overload.yaml",
                List.of());
        RunSettings settings = new RunSettings(2, 7, 2, 2_000);
        DayResult d = Day.run(s, 0, settings);
        assertThat(d.firstSaturatedHour()).hasValue(5);
        RunResult hour5 = d.hours().get(5);
        assertThat(hour5.verdict().reason()).startsWith("overloaded");
        assertThat(hour5.mean("run", "measured_s")).isLessThan(3600);
        assertThat(hour5.mean("run", "in_flight_end")).isLessThanOrEqualTo(2_000);
        for (int h = 6; h < 24; h++) {
            RunResult later = d.hours().get(h);
            assertThat(later.mean("all", "throughput_per_s"))
                    .as("hour %d not reached", h)
                    .isNaN();
            assertThat(later.verdict().saturated()).isTrue();
            assertThat(later.verdict().reason()).startsWith("overloaded");
        }
        assertThat(d.day().mean("run", "overloaded")).isEqualTo(1.0);
        assertThat(d.day().mean("run", "measured_s")).isLessThan(6 * 3600);
        assertThat(d.day().verdict().reason()).startsWith("hour 05: overloaded");
    }

    /**
     * A closed population follows the daily profile too: hour h has round(20 × daily[h]) users logged in,
     * and its throughput is exact MVA's for that many (think 1 s, one 2 ms station). Users log in and off
     * at the hour boundaries; exponential think times make a new user's first request, and a thinking
     * user's leaving, unbiased, so the hour is that population's steady state. The tolerance is four
     * standard errors of a Poisson-like count over the hour, as above.
     */
    @Test
    void aClosedPopulationFollowsTheDailyProfileHourByHour() throws Exception {
        Scenario s = scenario("{arrivals: closed, users: 20, think: 1s, daily: " + daily(DAILY) + "}", 3);
        DayResult d = Day.run(s, 0, RunSettings.of(s));
        Mva.Result mva = Mva.solve(new double[] {0.002}, 1.0, 20);
        for (int h = 0; h < 24; h++) {
            int users = (int) Math.round(20 * DAILY[h]);
            double x = mva.throughput(users);
            RunResult hour = d.hours().get(h);
            assertThat(hour.rate()).as("hour %d's population", h).isCloseTo(20 * DAILY[h], offset(1e-9));
            assertThat(hour.mean("run", "in_flight_mean"))
                    .as("hour %d: users logged in", h)
                    .isCloseTo(users, offset(0.05));
            assertThat(hour.mean("all", "throughput_per_s")).as("hour %d", h).isCloseTo(x, offset(tolerance(x, 3)));
        }
        assertThat(d.peakHour()).isEqualTo(10);
        // its rates are users, and the report says so
        assertThat(d.closedPopulation()).isTrue();
        assertThat(d.unit()).isEqualTo("users");
        assertThat(DayReport.sentence(d)).contains("users logged in on average, 20 at the peak hour 10:00");
        assertThat(DayReport.table(d)).doesNotContain("requests/s").contains(" users ");
        assertThat(JsonReport.day(d)).contains("\"closed_population\" : true");
    }

    /**
     * One row every write locks for 20 ms (its lock's CPU, then the round trip before the commit): an
     * hour at 40 requests/s keeps it busy 80% of that hour, and the hour's figure (and its lock
     * table's index) says so, not the share since the day began (about 7% at noon here). The
     * day's figure is the hours' time-weighted mean: the union's, since the one row is the hottest
     * granule in every hour.
     */
    @Test
    void eachHoursHotGranuleIsThatHoursAndTheDayIsTheirTimeWeightedMean() throws Exception {
        double[] daily = new double[24];
        java.util.Arrays.fill(daily, 0.05);
        daily[12] = 4;
        String yaml =
                """
                version: 1
                name: hot-hour
                traffic: {rate: 10, daily: %s}
                tables: {counter: {rows: 1}}
                requests:
                  - name: bump
                    share: 1
                    write:
                      table: counter
                      locks: 1
                      exclusive: 100%%
                      cpu_per_lock: {dist: constant, value: 5ms}
                      roundtrip: {dist: constant, value: 15ms}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: 10s}
                replicas: {count: 0}
                run: {warmup: 1min, replications: 2, seed: 3}
                """
                        .formatted(daily(daily));
        Scenario s = ScenarioLoader.parse(yaml, "hot-hour.yaml", List.of());
        DayResult d = Day.run(s, 0, RunSettings.of(s));
        double weighted = 0;
        double span = 0;
        for (int h = 0; h < 24; h++) {
            RunResult hour = d.hours().get(h);
            double busy = hour.mean("locks", "counter", "hot_granule_busy");
            double expected = hour.mean("all", "throughput_per_s") * 0.020;
            // busy periods that straddle the hour's edges: at most a few holds' worth
            assertThat(busy).as("hour %d", h).isCloseTo(expected, offset(0.01 * expected + 2 * 0.020 / 3600));
            double measured = hour.mean("run", "measured_s");
            weighted += busy * measured;
            span += measured;
        }
        RunResult noon = d.hours().get(12);
        assertThat(noon.mean("locks", "counter", "hot_granule_busy")).isGreaterThan(0.75);
        assertThat(noon.verdict().indices().get("master.locks:counter"))
                .isGreaterThanOrEqualTo(noon.mean("locks", "counter", "hot_granule_busy") / 0.9 - 1e-12);
        assertThat(d.day().mean("locks", "counter", "hot_granule_busy")).isCloseTo(weighted / span, offset(1e-12));
    }
}
