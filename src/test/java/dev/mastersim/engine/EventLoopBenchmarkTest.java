package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import org.junit.jupiter.api.Test;

/** The three queues of {@link EventLoopBenchmark} simulate the same system, so their speeds compare. */
@ExperimentScale
final class EventLoopBenchmarkTest {
    private static final int EVENTS = 1 << 20;

    @Test
    void mastersimFollowsTheBaselineTrajectoryBitForBit() {
        // same streams, same model: the event list must hand the events back in the order the
        // two-event loop picks them, so departures and the summed times in system are identical
        EventLoopBenchmark.Loop mastersim = EventLoopBenchmark.Loop.of("mastersim", 5);
        EventLoopBenchmark.Loop baseline = EventLoopBenchmark.Loop.of("baseline", 5);

        double a = mastersim.run(EVENTS);
        double b = baseline.run(EVENTS);

        assertThat(mastersim.departures).isEqualTo(baseline.departures);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void ssjHandlesExactlyTheRequestedEventsPerRun() {
        // arrivals + departures = events, and the number left in system is arrivals - departures >= 0
        EventLoopBenchmark.Loop ssj = EventLoopBenchmark.Loop.of("ssj", 1);
        EventLoopBenchmark.Loop mastersim = EventLoopBenchmark.Loop.of("mastersim", 1);
        for (EventLoopBenchmark.Loop loop : new EventLoopBenchmark.Loop[] {ssj, mastersim}) {
            loop.run(1000);
            loop.run(1000);
            long departures = loop.departures;
            long arrivals = 2000 - departures;
            assertThat(arrivals).isGreaterThanOrEqualTo(departures);
        }
    }

    /**
     * Little's law check on every implementation: the mean time in system of M/M/1 with λ = 0.9,
     * μ = 1 is 1/(μ − λ) = 10. Time in system at ρ = 0.9 is strongly autocorrelated, so the
     * interval is the batch-means one: 16 batches of 2²⁰ events (about 5·10⁵ customers, some
     * 10⁴ busy periods each, so batch means are close to independent), Student-t over batches.
     */
    @Test
    void everyImplementationHasTheMM1MeanTimeInSystem() {
        for (String engine : new String[] {"mastersim", "ssj", "baseline"}) {
            EventLoopBenchmark.Loop loop = EventLoopBenchmark.Loop.of(engine, 3);
            int batches = 16;
            double[] means = new double[batches];
            for (int k = 0; k < batches; k++) {
                long d0 = loop.departures;
                double s0 = loop.totalTimeInSystem;
                loop.run(EVENTS);
                means[k] = (loop.totalTimeInSystem - s0) / (loop.departures - d0);
            }
            Estimate e = Estimate.of(means);
            assertThat(e.covers(10.0, 0)).as("%s: %s", engine, e).isTrue();
            // and the interval is narrow enough that a 10% error would not be covered
            assertThat(e.ci95()).as(engine).isLessThan(1.0);
        }
    }
}
