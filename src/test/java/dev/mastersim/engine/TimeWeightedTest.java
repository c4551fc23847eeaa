package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class TimeWeightedTest {

    @Test
    void averagesALevelOverTime() {
        // level 0 on [0,1), 2 on [1,4), 5 on [4,6), 1 on [6,10): area 0 + 6 + 10 + 4 = 20 over 10
        TimeWeighted w = new TimeWeighted();
        w.set(1, 2);
        w.set(4, 5);
        w.set(6, 1);
        assertThat(w.mean(10)).isCloseTo(2.0, within(1e-12));
        assertThat(w.max()).isEqualTo(5);
        assertThat(w.level()).isEqualTo(1);
    }

    @Test
    void addChangesTheLevelByADelta() {
        // a queue: +1 at 0, +1 at 2, -1 at 3, -1 at 7: area 1·2 + 2·1 + 1·4 = 8 over 8
        TimeWeighted q = new TimeWeighted();
        q.add(0, 1);
        q.add(2, 1);
        q.add(3, -1);
        q.add(7, -1);
        assertThat(q.mean(8)).isCloseTo(1.0, within(1e-12));
        assertThat(q.level()).isZero();
        assertThat(q.max()).isEqualTo(2);
    }

    @Test
    void resetKeepsTheLevelAndForgetsTheHistory() {
        TimeWeighted w = new TimeWeighted();
        w.set(0, 10);
        w.set(5, 3);
        w.reset(6);
        w.set(8, 1);
        // after the reset: 3 on [6,8), 1 on [8,12): (6 + 4) / 6
        assertThat(w.mean(12)).isCloseTo(10.0 / 6, within(1e-12));
        assertThat(w.max()).isEqualTo(3);
    }

    @Test
    void withNoElapsedTimeTheMeanIsTheCurrentLevel() {
        TimeWeighted w = new TimeWeighted();
        w.set(0, 4);
        assertThat(w.mean(0)).isEqualTo(4);
        w.reset(3);
        assertThat(w.mean(3)).isEqualTo(4);
    }
}
