package dev.mastersim.model.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Samplers;
import dev.mastersim.scenario.Spike;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The piecewise-constant arrival rate and the exact arrival times drawn from it. */
final class RateProfileTest {
    private static final double[] DAILY = {
        0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.6, 0.8, 0.9, 1.0, 1.0,
        1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 0.9, 0.7, 0.5, 0.4
    };

    @Test
    void aConstantRateIsThePlainPoissonStep() {
        RateProfile p = RateProfile.constant(300);
        assertThat(p.nextArrival(12.5, 0.7)).isEqualTo(12.5 + 0.7 / 300);
        assertThat(RateProfile.peakHour(300, List.of()).nextArrival(1, 2)).isEqualTo(1 + 2 / 300.0);
    }

    @Test
    void theWalkSpendsTheExponentialAcrossSegments() {
        RateProfile p = RateProfile.steps(new double[] {0, 10}, new double[] {1, 3});
        // 2 expected arrivals left in [8, 10), the remaining 3 take 1 s at rate 3
        assertThat(p.nextArrival(8, 5)).isCloseTo(11, offset(1e-12));
        assertThat(p.nextArrival(8, 1.5)).isCloseTo(9.5, offset(1e-12));
    }

    @Test
    void aSilentSegmentIsSkippedAndAFinalOneEndsTheTraffic() {
        RateProfile p = RateProfile.steps(new double[] {0, 1, 5}, new double[] {2, 0, 1});
        assertThat(p.nextArrival(0.5, 3)).isCloseTo(7, offset(1e-12));
        assertThat(p.nextArrival(2, 0.25)).isCloseTo(5.25, offset(1e-12));
        RateProfile stops = RateProfile.steps(new double[] {0, 1}, new double[] {2, 0});
        assertThat(stops.nextArrival(0.5, 3)).isInfinite();
        assertThat(RateProfile.constant(0).nextArrival(0, 1)).isInfinite();
    }

    @Test
    void aDayIsItsWarmupAtHourZerosRateThenTwentyFourHours() {
        RateProfile p = RateProfile.day(300, DAILY, List.of(), 20);
        assertThat(p.rateAt(0)).isEqualTo(300 * 0.3);
        assertThat(p.rateAt(19.9)).isEqualTo(300 * 0.3);
        for (int h = 0; h < 24; h++) {
            double from = 20 + h * 3600;
            assertThat(p.rateAt(from)).isEqualTo(300 * DAILY[h]);
            assertThat(p.rateAt(from + 3599.9)).isEqualTo(300 * DAILY[h]);
            assertThat(p.meanRate(from, from + 3600)).isCloseTo(300 * DAILY[h], offset(1e-9));
        }
        assertThat(RateProfile.day(50, new double[0], List.of(), 60).meanRate(0, 86_460))
                .isCloseTo(50, offset(1e-9));
    }

    @Test
    void spikesAreTimedFromTheStartOfHourZeroAndTheLargestFactorWins() {
        List<Spike> spikes = List.of(
                new Spike(10 * 3600 + 900, 1800, 3), // 10:15 to 10:45
                new Spike(10 * 3600 + 1500, 600, 2), // inside the first: 3 still applies
                new Spike(3 * 3600, 3600, 0.5)); // a dip through hour 3
        RateProfile p = RateProfile.day(100, new double[0], spikes, 60);
        assertThat(p.rateAt(60 + 10 * 3600 + 899)).isEqualTo(100);
        assertThat(p.rateAt(60 + 10 * 3600 + 900)).isEqualTo(300);
        assertThat(p.rateAt(60 + 10 * 3600 + 1600)).isEqualTo(300);
        assertThat(p.rateAt(60 + 10 * 3600 + 2700)).isEqualTo(100);
        assertThat(p.meanRate(60 + 10 * 3600, 60 + 11 * 3600)).isCloseTo(200, offset(1e-9));
        assertThat(p.meanRate(60 + 3 * 3600, 60 + 4 * 3600)).isCloseTo(50, offset(1e-9));
        assertThat(p.maxRate()).isEqualTo(300);
    }

    @Test
    void aPeakHoursSpikesCountFromTheStartOfTheRun() {
        RateProfile p = RateProfile.peakHour(100, List.of(new Spike(300, 60, 3)));
        assertThat(p.rateAt(299)).isEqualTo(100);
        assertThat(p.rateAt(300)).isEqualTo(300);
        assertThat(p.rateAt(360)).isEqualTo(100);
    }

    /** Counts in each hour of a day are Poisson with the hour's expected arrivals as mean. */
    @Test
    void arrivalsPerHourAreThoseOfTheHoursRate() {
        RateProfile p = RateProfile.day(20, DAILY, List.of(new Spike(7 * 3600 + 1800, 3600, 4)), 0);
        DoubleSampler e = Samplers.exponential(new RandomStreams(7, 0).stream(0), 1.0);
        long[] counts = new long[24];
        for (double t = p.nextArrival(0, e.sample()); t < 86_400; t = p.nextArrival(t, e.sample())) {
            counts[(int) (t / 3600)]++;
        }
        for (int h = 0; h < 24; h++) {
            double expected = p.meanRate(h * 3600, (h + 1) * 3600) * 3600;
            assertThat((double) counts[h]).as("hour %d", h).isCloseTo(expected, offset(4 * Math.sqrt(expected)));
        }
        // the spike covers the second half of hour 7 and the first of hour 8
        assertThat(p.meanRate(7 * 3600, 8 * 3600)).isCloseTo(20 * 0.6 * 2.5, offset(1e-9));
        assertThat(p.meanRate(8 * 3600, 9 * 3600)).isCloseTo(20 * 0.8 * 2.5, offset(1e-9));
    }

    @Test
    void drawingAnArrivalAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RateProfile p = RateProfile.day(20, DAILY, List.of(new Spike(3600, 60, 3)), 60);
        double t = 0;
        for (int i = 0; i < 200_000; i++) {
            t = p.nextArrival(t % 86_400, 0.5);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 1_000_000; i++) {
            t = p.nextArrival(t % 86_400, 0.5);
        }
        long after = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThat(t).isPositive();
        assertThat((double) (after - before) / 1_000_000).isLessThan(0.01);
    }
}
