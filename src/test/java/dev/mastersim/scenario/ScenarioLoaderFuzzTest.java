package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mastersim.ExperimentScale;
import java.util.List;

/**
 * Whatever the text and overrides, {@link ScenarioLoader#parse} returns a scenario or throws
 * {@link ScenarioException} with at least one problem; any other exception fails the fuzz test.
 *
 * <p>Runs on the seeds in {@code ScenarioLoaderFuzzTestInputs/} inside {@code ./mvnw verify}; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=ScenarioLoaderFuzzTest}.
 */
@ExperimentScale
final class ScenarioLoaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parseReturnsScenarioOrScenarioException(FuzzedDataProvider data) {
        List<String> sets = data.consumeBoolean() ? List.of(data.consumeString(60)) : List.of();
        String text = data.consumeRemainingAsString();
        try {
            Scenario s = ScenarioLoader.parse(text, "fuzz.yaml", sets);
            assertThat(s.requests()).isNotEmpty();
        } catch (ScenarioException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.toString())
                    .doesNotContain("Exception"));
        }
    }
}
