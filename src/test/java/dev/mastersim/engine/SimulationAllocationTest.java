package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The hot path allocates nothing per event: scheduling, dispatching and exponential sampling in an
 * M/M/1 loop, once warmed up.
 *
 * <p>The meter is the JVM's per-thread allocation counter, which counts every byte of TLAB and
 * outside-TLAB allocation by this thread, so no allocation can hide from it. The slack of 0.01
 * byte per event (10 kB over 10⁶ events) leaves room for fixed one-off costs, such as the counter
 * call itself or a deoptimisation that re-profiles once, but not for anything per event: the
 * smallest Java object is 16 bytes, so one allocation in every 1,600 events already exceeds it.
 */
final class SimulationAllocationTest {
    private static final int EVENTS = 1_000_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes this thread allocated per event while {@code sim} handled {@code events} events. */
    private static double bytesPerEvent(Simulation sim, int events) {
        long before = allocated();
        for (int i = 0; i < events; i++) {
            sim.step();
        }
        long after = allocated();
        return (double) (after - before) / events;
    }

    @Test
    void aWarmedUpMM1LoopAllocatesNothingPerEvent() {
        Simulation sim = new Simulation();
        MM1 model = new MM1(sim, new RandomStreams(1, 0), 0.9, 1.0);
        // warm-up: enough events for the JIT to compile the loop, and for the heap to reach its size
        bytesPerEvent(sim, EVENTS);

        double perEvent = bytesPerEvent(sim, EVENTS);

        assertThat(model.departures()).isGreaterThan(EVENTS / 2);
        assertThat(perEvent).isLessThan(0.01);
    }

    @Test
    void theMeterSeesAHandlerThatAllocates() {
        // the power check of the test above: one small array per event must show as >= 16 B/event
        Simulation sim = new Simulation();
        long[][] sink = new long[1][];
        EventHandler allocating = new EventHandler() {
            @Override
            public void handle(int type, long arg) {
                sink[0] = new long[] {arg};
                sim.schedule(1.0, this, 0, arg + 1);
            }
        };
        sim.schedule(0, allocating, 0, 0);
        bytesPerEvent(sim, EVENTS);

        assertThat(bytesPerEvent(sim, EVENTS)).isGreaterThanOrEqualTo(16);
        assertThat(sink[0]).hasSize(1);
    }
}
