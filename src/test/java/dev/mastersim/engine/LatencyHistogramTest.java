package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** HdrHistogram keeps 3 significant digits, so quantiles are checked to a relative 10⁻³. */
final class LatencyHistogramTest {

    @Test
    void meanIsExactNotRoundedToBuckets() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0.0010004);
        h.record(0.0020004);
        h.record(0.0030004);
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.meanSeconds()).isCloseTo(0.0020004, within(1e-15));
    }

    @Test
    void quantilesComeFromTheWholeDistribution() {
        LatencyHistogram h = new LatencyHistogram();
        // 1 ms, 2 ms, ..., 100 ms
        for (int i = 1; i <= 100; i++) {
            h.record(i / 1000.0);
        }
        assertThat(h.quantileSeconds(0.5)).isCloseTo(0.050, within(0.050 * 1e-3));
        assertThat(h.quantileSeconds(0.99)).isCloseTo(0.099, within(0.099 * 1e-3));
        assertThat(h.quantileSeconds(1.0)).isCloseTo(0.100, within(0.100 * 1e-3));
        assertThat(h.quantileSeconds(0.0)).isCloseTo(0.001, within(0.001 * 1e-3));
    }

    @Test
    void durationsBelowOneMicrosecondCountAsOneMicrosecond() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0);
        h.record(1e-9);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.quantileSeconds(1.0)).isEqualTo(1e-6);
    }

    @Test
    void addMergesCountsAndSums() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(0.001);
        b.record(0.003);
        b.record(0.005);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.meanSeconds()).isCloseTo(0.003, within(1e-15));
        assertThat(a.quantileSeconds(1.0)).isCloseTo(0.005, within(0.005 * 1e-3));
        assertThat(b.count()).isEqualTo(2);
    }

    @Test
    void resetAndEmptyReportZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0.5);
        h.reset();
        assertThat(h.count()).isZero();
        assertThat(h.meanSeconds()).isZero();
        assertThat(h.quantileSeconds(0.99)).isZero();
    }
}
