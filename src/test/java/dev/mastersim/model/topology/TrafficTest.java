package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Open arrivals are shed beyond the in-flight bound and stop the run; a closed population is always in flight. */
final class TrafficTest {
    private static Measurements run(String traffic, String readCost, Load load) throws Exception {
        String yaml =
                """
                version: 1
                traffic: TRAFFIC
                requests: [{name: r, share: 100%, reads: 1, read_cost: {dist: constant, value: COST}}]
                replicas: {count: 1, cores: 1}
                """
                        .replace("TRAFFIC", traffic)
                        .replace("COST", readCost);
        var s = ScenarioLoader.parse(yaml, "traffic.yaml", List.of());
        return new DeploymentModel(s, load, new RandomStreams(2, 0)).run();
    }

    @Test
    void anArrivalBeyondTheBoundIsShedAndEndsTheRunAsOverloaded() throws Exception {
        // one replica core, 1 s per read, 100 arrivals/s: the 4th arrival finds 3 in flight
        Measurements m = run("{rate: 100}", "1s", new Load(100, false, 0, 60, 3));
        assertThat(m.get("run", "overloaded")).isEqualTo(1);
        assertThat(m.get("run", "shed")).isEqualTo(1);
        assertThat(m.get("run", "in_flight_end")).isEqualTo(3);
        assertThat(m.get("run", "measured_s")).as("stopped at once").isLessThan(1);
    }

    @Test
    void aClosedPopulationKeepsEveryUserInFlight() throws Exception {
        Measurements m = run("{arrivals: closed, users: 5, think: 10ms}", "1ms", new Load(0, false, 1, 10, 100));
        assertThat(m.get("run", "in_flight_mean")).isCloseTo(5, offset(1e-9));
        assertThat(m.get("run", "in_flight_end")).isEqualTo(5);
        assertThat(m.get("run", "overloaded")).isZero();
        assertThat(m.get("run", "arrivals_per_s")).isCloseTo(m.get("all", "throughput_per_s"), offset(5.0 / 10));
    }
}
