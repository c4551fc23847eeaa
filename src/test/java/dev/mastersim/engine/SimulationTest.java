package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class SimulationTest {

    /** One pending event of the reference model: what the simulation must hand back, in this order. */
    private record Expected(double time, int priority, long sequence) {}

    private static final Comparator<Expected> ORDER = Comparator.comparingDouble(Expected::time)
            .thenComparingInt(Expected::priority)
            .thenComparingLong(Expected::sequence);

    /**
     * Operations: 0 is a step; 1..12 schedules at now + (op - 1) % 3 with priority (op - 1) / 3 (0..3).
     * Times are whole numbers, so equal times and equal priorities are frequent and exact.
     */
    @Provide
    Arbitrary<List<Integer>> operations() {
        Arbitrary<Integer> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 12)));
        return op.list().ofMinSize(1).ofMaxSize(1200);
    }

    @Property(tries = 200)
    void handlesEventsInTimePrioritySequenceOrder(@ForAll("operations") List<Integer> ops) {
        Simulation sim = new Simulation();
        PriorityQueue<Expected> model = new PriorityQueue<>(ORDER);
        List<Long> handled = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        EventHandler recorder = (type, arg) -> {
            assertThat(type).isEqualTo((int) (arg % 4));
            handled.add(arg);
        };
        long sequence = 0;
        for (int op : ops) {
            if (op == 0) {
                Expected next = model.poll();
                assertThat(sim.step()).isEqualTo(next != null);
                if (next != null) {
                    expected.add(next.sequence());
                    assertThat(sim.now()).isEqualTo(next.time());
                }
            } else {
                double time = sim.now() + (op - 1) % 3;
                int priority = (op - 1) / 3;
                sim.scheduleAt(time, priority, recorder, (int) (sequence % 4), sequence);
                model.add(new Expected(time, priority, sequence));
                sequence++;
            }
        }
        while (!model.isEmpty()) {
            expected.add(model.poll().sequence());
        }
        while (sim.step()) {
            // drain
        }
        assertThat(handled).isEqualTo(expected);
        assertThat(sim.eventsProcessed()).isEqualTo(expected.size());
    }

    @Test
    void equalTimesAndPrioritiesAreHandledInScheduleOrder() {
        Simulation sim = new Simulation();
        List<Long> handled = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            sim.scheduleAt(1.0, 0, (type, arg) -> handled.add(arg), 0, i);
        }
        sim.runUntil(1.0);
        assertThat(handled).hasSize(1000).isSorted();
    }

    @Test
    void lowerPriorityIsHandledFirstAtEqualTimes() {
        Simulation sim = new Simulation();
        List<Long> handled = new ArrayList<>();
        EventHandler h = (type, arg) -> handled.add(arg);
        sim.scheduleAt(2.0, 5, h, 0, 5);
        sim.scheduleAt(2.0, 0, h, 0, 0);
        sim.scheduleAt(2.0, 32767, h, 0, 32767);
        sim.scheduleAt(1.0, 32767, h, 0, -1);
        sim.runUntil(3.0);
        assertThat(handled).containsExactly(-1L, 0L, 5L, 32767L);
    }

    @Test
    void growsBeyondTheInitialCapacity() {
        Simulation sim = new Simulation();
        List<Long> handled = new ArrayList<>();
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            sim.schedule(n - i, (type, arg) -> handled.add(arg), 0, i);
        }
        assertThat(sim.pending()).isEqualTo(n);
        sim.runUntil(Double.MAX_VALUE);
        assertThat(handled).hasSize(n);
        assertThat(handled.get(0)).isEqualTo(n - 1L);
        assertThat(handled.get(n - 1)).isZero();
        assertThat(sim.pending()).isZero();
    }

    @Test
    void runUntilHandlesEventsAtTheEndAndLeavesTheClockThere() {
        Simulation sim = new Simulation();
        List<Double> times = new ArrayList<>();
        EventHandler h = (type, arg) -> times.add(sim.now());
        sim.schedule(1.0, h, 0, 0);
        sim.schedule(2.0, h, 0, 0);
        sim.schedule(2.5, h, 0, 0);
        sim.schedule(3.0, h, 0, 0);

        assertThat(sim.runUntil(2.5)).isTrue();

        assertThat(times).containsExactly(1.0, 2.0, 2.5);
        assertThat(sim.now()).isEqualTo(2.5);
        assertThat(sim.pending()).isEqualTo(1);
    }

    @Test
    void runUntilMovesTheClockWhenNoEventIsDue() {
        Simulation sim = new Simulation();
        sim.schedule(10.0, (type, arg) -> {}, 0, 0);
        assertThat(sim.runUntil(4.0)).isTrue();
        assertThat(sim.now()).isEqualTo(4.0);
        assertThat(sim.eventsProcessed()).isZero();
    }

    @Test
    void runUntilAnEarlierTimeDoesNotMoveTheClockBack() {
        Simulation sim = new Simulation();
        sim.runUntil(5.0);
        sim.runUntil(3.0);
        assertThat(sim.now()).isEqualTo(5.0);
    }

    @Test
    void eventsScheduledByHandlersBeforeTheEndAreHandledToo() {
        Simulation sim = new Simulation();
        int[] count = {0};
        EventHandler tick = new EventHandler() {
            @Override
            public void handle(int type, long arg) {
                count[0]++;
                sim.schedule(1.0, this, 0, 0);
            }
        };
        sim.schedule(0.0, tick, 0, 0);
        sim.runUntil(10.0);
        // ticks at 0, 1, ..., 10 inclusive
        assertThat(count[0]).isEqualTo(11);
        assertThat(sim.pending()).isEqualTo(1);
    }

    @Test
    void rejectsEventsInThePast() {
        Simulation sim = new Simulation();
        sim.runUntil(5.0);
        EventHandler h = (type, arg) -> {};
        assertThatThrownBy(() -> sim.scheduleAt(4.999, 0, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.schedule(-1e-9, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.schedule(Double.NaN, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.pending()).isZero();
    }

    @Test
    void acceptsAnEventAtTheCurrentTime() {
        Simulation sim = new Simulation();
        sim.runUntil(5.0);
        sim.scheduleAt(5.0, 0, (type, arg) -> {}, 0, 0);
        assertThat(sim.step()).isTrue();
        assertThat(sim.now()).isEqualTo(5.0);
    }

    @Test
    void rejectsPrioritiesOutsideTheirRange() {
        Simulation sim = new Simulation();
        EventHandler h = (type, arg) -> {};
        assertThatThrownBy(() -> sim.scheduleAt(1, -1, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.scheduleAt(1, 32768, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepReturnsFalseWhenNothingIsPending() {
        Simulation sim = new Simulation();
        assertThat(sim.step()).isFalse();
        assertThat(sim.eventsProcessed()).isZero();
    }

    @Test
    void stopEndsRunUntilAfterTheCurrentEvent() {
        Simulation sim = new Simulation();
        List<Long> handled = new ArrayList<>();
        EventHandler h = (type, arg) -> {
            handled.add(arg);
            if (arg == 2) {
                sim.stop();
            }
        };
        for (long i = 1; i <= 4; i++) {
            sim.schedule(i, h, 0, i);
        }

        assertThat(sim.runUntil(10.0)).isFalse();

        assertThat(handled).containsExactly(1L, 2L);
        assertThat(sim.now()).isEqualTo(2.0);
        assertThat(sim.pending()).isEqualTo(2);
    }

    @Test
    void runUntilResumesAfterAStop() {
        Simulation sim = new Simulation();
        List<Long> handled = new ArrayList<>();
        EventHandler h = (type, arg) -> {
            handled.add(arg);
            if (arg == 1) {
                sim.stop();
            }
        };
        for (long i = 1; i <= 3; i++) {
            sim.schedule(i, h, 0, i);
        }
        sim.runUntil(10.0);

        assertThat(sim.runUntil(10.0)).isTrue();

        assertThat(handled).containsExactly(1L, 2L, 3L);
        assertThat(sim.now()).isEqualTo(10.0);
    }
}
