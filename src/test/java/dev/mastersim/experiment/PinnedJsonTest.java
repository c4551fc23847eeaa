package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the whole model: the full JSON of small scenarios that between them reach every mechanism
 * (optimistic, no-wait, shards with cross-shard two-phase commit, the write queue, the read cache,
 * hot-set and Zipf keys, closed traffic, read-your-writes, group commit and plain flushes, multi-step
 * writes, a day's windows) must come out byte for byte as committed under
 * {@code src/test/resources/pinned/}. A refactoring of the model keeps it; a change of the model's
 * behaviour changes it, and the commit that does so regenerates the files and says which figures moved.
 *
 * <p>Regenerate with {@code ./mvnw -B -q test -Dtest=PinnedJsonTest -Dmastersim.pin.write=true}
 * (the test then writes the files and passes; run it again without the property to check).
 */
final class PinnedJsonTest {
    private static final Path DIR = Path.of("src/test/resources/pinned");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "optimistic",
                "no-wait",
                "shards-2pc",
                "optimistic-shards",
                "write-queue",
                "closed-ryw",
                "group-commit",
            })
    void aRunsJsonIsAsPinned(String name) throws Exception {
        Scenario s = ScenarioLoader.load(DIR.resolve(name + ".yaml"), List.of());
        RunSettings settings = RunSettings.of(s);
        String json = JsonReport.run(Experiment.run(s, Experiment.peakLoad(s, 0, settings), settings));
        check(name, json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"day"})
    void aDaysJsonIsAsPinned(String name) throws Exception {
        Scenario s = ScenarioLoader.load(DIR.resolve(name + ".yaml"), List.of());
        check(name, JsonReport.day(Day.run(s, 0, RunSettings.of(s))));
    }

    private static void check(String name, String json) throws Exception {
        Path expected = DIR.resolve(name + ".json");
        if (Boolean.getBoolean("mastersim.pin.write")) {
            Files.writeString(expected, json);
        }
        assertThat(json).as("%s against %s", name, expected).isEqualTo(Files.readString(expected));
    }
}
