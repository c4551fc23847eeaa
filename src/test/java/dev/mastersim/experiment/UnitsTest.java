package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Measurements;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A unit of work and its summary travel as plain serialized data, and a summary read back is the
 * one written: every figure's value (to the bit), its declaration and its weight, in the same order.
 */
final class UnitsTest {
    @Test
    void aSummaryReadBackHoldsTheSameFiguresDeclarationsAndWeights() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("src/test/resources/pinned/group-commit.yaml"), List.of());
        Load load = Experiment.peakLoad(s, 0, RunSettings.of(s));
        Units.Work work = roundTrip(Units.Work.of(load, 7, 3, Experiment.backlogBound(s, load)));
        assertThat(work.load()).isEqualTo(load);
        Units.Summary written = work.run(s);
        Units.Summary read = roundTrip(written);

        Measurements a = written.measurements();
        Measurements b = read.measurements();
        assertThat(b.asMap().keySet()).containsExactlyElementsOf(a.asMap().keySet());
        for (Map.Entry<List<String>, Double> e : a.asMap().entrySet()) {
            assertThat(Double.doubleToRawLongBits(b.asMap().get(e.getKey())))
                    .as("%s", e.getKey())
                    .isEqualTo(Double.doubleToRawLongBits(e.getValue()));
            assertThat(b.metric(e.getKey())).isEqualTo(a.metric(e.getKey()));
        }
        assertThat(b.weights().asMap()).isEqualTo(a.weights().asMap());
        assertThat(a.weights().asMap()).isNotEmpty();
        assertThat(read.stoppedEarly()).isEqualTo(written.stoppedEarly());
    }

    @Test
    void theLocalRunnerIsTheDefault() {
        assertThat(Units.runner()).isSameAs(Units.LOCAL);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
