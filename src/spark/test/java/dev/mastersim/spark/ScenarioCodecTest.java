package dev.mastersim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped and pinned scenario, and each of its option arms, reads back from its bytes equal to
 * itself, so a worker simulates the scenario the driver loaded.
 */
final class ScenarioCodecTest {
    static Stream<Path> scenarios() throws IOException {
        return Stream.concat(Files.list(Path.of("scenarios")), Files.list(Path.of("src/test/resources/pinned")))
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aScenarioAndItsArmsReadBackEqual(Path file) throws Exception {
        Scenario s = ScenarioLoader.load(file, List.of());
        assertThat(ScenarioCodec.decode(ScenarioCodec.encode(s))).isEqualTo(s);
        for (var arm : s.options().values()) {
            List<String> sets = arm.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList();
            Scenario a = ScenarioLoader.load(file, sets);
            assertThat(ScenarioCodec.decode(ScenarioCodec.encode(a))).isEqualTo(a);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void equalScenariosHaveEqualKeys(Path file) throws Exception {
        byte[] once = ScenarioCodec.encode(ScenarioLoader.load(file, List.of()));
        byte[] again = ScenarioCodec.encode(ScenarioLoader.load(file, List.of()));
        assertThat(ScenarioCodec.hash(again)).isEqualTo(ScenarioCodec.hash(once));
    }
}
