package dev.mastersim.model.station;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deferred station (completions replayed when touched) behaves exactly like the event-driven
 * one: fed the same arrivals, both report the same completions at the same times and the same
 * statistics whenever they are read, at any number of servers and any load.
 */
final class StationTest {
    private record Completion(int job, double time) {}

    @ParameterizedTest(name = "servers {0}, load {1}, seed {2}")
    @CsvSource({"1, 0.5, 1", "1, 0.95, 2", "1, 1.3, 3", "2, 0.8, 4", "3, 0.99, 5", "8, 0.7, 6", "8, 1.2, 7"})
    void deferredCompletionsMatchTheEventDrivenStation(int servers, double load, long seed) {
        Simulation sim = new Simulation();
        List<Completion> eventDone = new ArrayList<>();
        List<Completion> deferredDone = new ArrayList<>();
        Station events = new Station("e", servers, sim, (s, job) -> eventDone.add(new Completion(job, s.clock())));
        Station deferred =
                Station.deferred("d", servers, sim, (s, job) -> deferredDone.add(new Completion(job, s.clock())));
        SplittableRandom rng = new SplittableRandom(seed);
        double meanService = 1.0;
        double rate = load * servers / meanService;
        EventHandler driver = new EventHandler() {
            int next;

            @Override
            public void handle(int type, long arg) {
                if (type == 0) {
                    double service = -Math.log(1 - rng.nextDouble()) * meanService;
                    events.arrive(next, service);
                    deferred.arrive(next, service);
                    next++;
                    sim.schedule(-Math.log(1 - rng.nextDouble()) / rate, this, 0, 0);
                } else {
                    // a reader: everything it can see agrees, and the completions so far too
                    assertSame(events, deferred, sim.now());
                    deferred.catchUp(sim.now());
                    assertThat(deferredDone).isEqualTo(eventDone);
                    if (type == 2) {
                        events.resetStatistics();
                        deferred.resetStatistics();
                    }
                }
            }
        };
        sim.schedule(0, driver, 0, 0);
        for (int probe = 1; probe <= 200; probe++) {
            // readers at times that fall between completions, and one statistics reset
            sim.scheduleAt(probe * 10.0 + rng.nextDouble(), 1, driver, probe == 20 ? 2 : 1, 0);
        }
        sim.runUntil(2_000);
        assertSame(events, deferred, sim.now());
        deferred.catchUp(sim.now());
        assertThat(deferredDone).isEqualTo(eventDone);
        assertThat(eventDone).hasSizeGreaterThan(1_000);
    }

    private static void assertSame(Station a, Station b, double now) {
        assertThat(b.inSystem()).as("in system at %s", now).isEqualTo(a.inSystem());
        assertThat(b.waiting()).as("waiting at %s", now).isEqualTo(a.waiting());
        assertThat(b.started()).as("started at %s", now).isEqualTo(a.started());
        assertThat(b.utilisation()).as("utilisation at %s", now).isEqualTo(a.utilisation());
        assertThat(b.queueLength()).as("queue length at %s", now).isEqualTo(a.queueLength());
        assertThat(b.meanWait()).as("wait at %s", now).isEqualTo(a.meanWait());
        assertThat(b.meanService()).as("service at %s", now).isEqualTo(a.meanService());
    }
}
