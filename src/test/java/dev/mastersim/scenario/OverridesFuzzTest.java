package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Whatever {@code --set} overrides are applied to {@code scenarios/reference.yaml} (a known key or not, any
 * value, with or without '='), the loader returns a scenario or throws {@link ScenarioException}; every
 * problem located in an override names one that was given ({@code --set#N}, 1 ≤ N ≤ their number).
 *
 * <p>Runs on the seeds in {@code OverridesFuzzTestInputs/} inside {@code ./mvnw verify}; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=OverridesFuzzTest}.
 */
final class OverridesFuzzTest {
    private static final String REFERENCE = read(Path.of("scenarios/reference.yaml"));

    /** Every dotted key of the reference file, lists addressed by name: what a user would override. */
    private static final List<String> KEYS = keys();

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys() {
        List<String> out = new ArrayList<>();
        walk(YAMLMapper.builder().build().readTree(REFERENCE), "", out);
        return List.copyOf(out);
    }

    private static void walk(JsonNode n, String path, List<String> out) {
        if (!path.isEmpty()) {
            out.add(path);
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                walk(e.getValue(), prefix + e.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                walk(e, prefix + (e.has("name") ? e.get("name").asString() : Integer.toString(i)), out);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void overridesOnTheReferenceGiveScenarioOrScenarioException(FuzzedDataProvider data) {
        int n = data.consumeInt(1, 4);
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (data.consumeInt(0, 9) == 0) {
                sets.add(data.consumeString(60)); // anything at all, '=' or not
                continue;
            }
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(30);
            sets.add(key + "=" + data.consumeString(40));
        }
        try {
            Scenario s = ScenarioLoader.parse(REFERENCE, "reference.yaml", sets);
            assertThat(s.requests()).isNotEmpty();
        } catch (ScenarioException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.toString()).doesNotContain("Exception");
                if (!p.file().equals("reference.yaml")) {
                    assertThat(p.file()).startsWith("--set#");
                    assertThat(Integer.parseInt(p.file().substring("--set#".length())))
                            .isBetween(1, n);
                }
            });
        }
    }
}
