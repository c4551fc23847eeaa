package dev.mastersim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** The ring is a FIFO of (int, double, double) records through wrap-around and growth. */
final class RingTest {
    @Test
    void keepsArrivalOrderThroughWrapAroundAndGrowth() {
        Ring ring = new Ring(4, 2);
        ArrayDeque<Integer> expected = new ArrayDeque<>();
        int next = 0;
        // interleave adds and removes so the head walks round the arrays while they double
        for (int round = 0; round < 50; round++) {
            for (int k = 0; k < 3; k++) {
                ring.add(next, next + 0.5, -next);
                expected.add(next++);
            }
            ring.remove();
            expected.remove();
            for (int i = 0; i < ring.size(); i++) {
                int v = ring.intAt(i);
                assertThat(ring.firstAt(i)).isEqualTo(v + 0.5);
                assertThat(ring.secondAt(i)).isEqualTo(-v);
            }
            assertThat(ring.size()).isEqualTo(expected.size());
            assertThat(ring.intAt(0)).isEqualTo(expected.peek());
        }
        assertThat(ring.intAt(ring.size() - 1)).isEqualTo(next - 1);
    }

    @Test
    void aRecordIsChangedInPlaceByItsOffset() {
        Ring ring = new Ring(2, 1);
        ring.add(7, 1.0);
        ring.add(8, 2.0);
        ring.add(9, 3.0);
        ring.setIntAt(1, -1);
        ring.remove();
        assertThat(ring.intAt(0)).isEqualTo(-1);
        assertThat(ring.firstAt(0)).isEqualTo(2.0);
        assertThat(ring.intAt(1)).isEqualTo(9);
    }

    @Test
    void theCapacityIsAPowerOfTwo() {
        assertThatThrownBy(() -> new Ring(12, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ring(16, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
