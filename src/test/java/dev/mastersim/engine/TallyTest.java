package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class TallyTest {

    private static Tally of(double... xs) {
        Tally t = new Tally();
        for (double x : xs) {
            t.add(x);
        }
        return t;
    }

    @Test
    void summarisesASmallSampleExactly() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, so variance 32/7
        Tally t = of(2, 4, 4, 4, 5, 5, 7, 9);
        assertThat(t.count()).isEqualTo(8);
        assertThat(t.sum()).isEqualTo(40);
        assertThat(t.mean()).isEqualTo(5);
        assertThat(t.variance()).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(t.min()).isEqualTo(2);
        assertThat(t.max()).isEqualTo(9);
    }

    @Test
    void keepsVarianceAccurateForALargeOffset() {
        // the naive sum-of-squares formula loses every digit here; Welford's update does not
        double offset = 1e9;
        Tally t = of(offset + 4, offset + 7, offset + 13, offset + 16);
        assertThat(t.mean()).isEqualTo(offset + 10);
        assertThat(t.variance()).isCloseTo(30.0, within(1e-6));
    }

    @Test
    void aSingleObservationHasZeroVariance() {
        Tally t = of(3.5);
        assertThat(t.mean()).isEqualTo(3.5);
        assertThat(t.variance()).isZero();
        assertThat(t.min()).isEqualTo(3.5);
        assertThat(t.max()).isEqualTo(3.5);
    }

    @Test
    void anEmptyTallyReportsZeros() {
        Tally t = new Tally();
        assertThat(t.count()).isZero();
        assertThat(t.mean()).isZero();
        assertThat(t.variance()).isZero();
        assertThat(t.min()).isZero();
        assertThat(t.max()).isZero();
    }

    @Test
    void resetForgetsEverything() {
        Tally t = of(100, 200, -5);
        t.reset();
        t.add(1);
        t.add(3);
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.sum()).isEqualTo(4);
        assertThat(t.mean()).isEqualTo(2);
        assertThat(t.variance()).isEqualTo(2);
        assertThat(t.min()).isEqualTo(1);
        assertThat(t.max()).isEqualTo(3);
    }
}
