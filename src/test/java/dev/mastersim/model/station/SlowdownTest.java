package dev.mastersim.model.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A slow-down is 1 outside its windows, constant or falling linearly to 1 inside, and overlaps multiply. */
final class SlowdownTest {
    @Test
    void constantAndDecayingWindowsMultiply() {
        Slowdown s = new Slowdown();
        s.constant(10, 20, 8);
        s.decaying(15, 25, 3);
        assertThat(s.at(5)).isEqualTo(1);
        assertThat(s.at(10)).isEqualTo(8);
        assertThat(s.at(15)).isEqualTo(8 * 3);
        assertThat(s.at(20)).isCloseTo(2, within(1e-12)); // halfway down from 3 to 1
        assertThat(s.at(25)).isEqualTo(1);
    }
}
