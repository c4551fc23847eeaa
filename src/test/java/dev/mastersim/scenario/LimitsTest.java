package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every count's upper limit is stated once in {@link Limits}, and the schema, reference.yaml and the loader agree. */
final class LimitsTest {
    private static final String MINIMAL =
            """
            version: 1
            traffic: {rate: 10}
            tables: {t: {rows: 1000}}
            requests:
              - {name: r, share: 100%, reads: 1, write: {table: t, locks: 1}}
            """;

    private static String settable(String key) {
        return key.replace("requests.*", "requests.r").replace("tables.*", "tables.t");
    }

    @Test
    void aCountAboveItsLimitIsRefusedNamingTheLimitAndTheLimitItselfIsAccepted() throws Exception {
        for (Map.Entry<String, Integer> e : Limits.BY_KEY.entrySet()) {
            String key = settable(e.getKey());
            long above = e.getValue() + 1L;
            for (String value : List.of(Long.toString(above), "\"" + above + "\"")) {
                ScenarioException x = catchThrowableOfType(
                        ScenarioException.class,
                        () -> ScenarioLoader.parse(MINIMAL, "m.yaml", List.of(key + "=" + value)));
                assertThat(x).as("%s=%s", key, value).isNotNull();
                assertThat(x.problems()).as("%s=%s", key, value).singleElement().satisfies(p -> assertThat(p.toString())
                        .startsWith("--set#1:")
                        .contains(key + ": expected a whole number ")
                        .contains(e.getValue().toString()));
            }
        }
    }

    @Test
    void theLimitItselfIsAValidValue() throws Exception {
        for (Map.Entry<String, Integer> e : Limits.BY_KEY.entrySet()) {
            String key = settable(e.getKey());
            if (key.equals("master.shards") || key.equals("traffic.users")) {
                continue; // valid too, but need other keys (cross_shard, closed arrivals) to mean anything
            }
            assertThat(ScenarioLoader.parse(MINIMAL, "m.yaml", List.of(key + "=" + e.getValue())))
                    .as(key)
                    .isNotNull();
        }
    }

    @Test
    void referenceYamlStatesEveryLimit() throws Exception {
        String reference = Files.readString(Path.of("scenarios/reference.yaml"));
        for (Map.Entry<String, Integer> e : Limits.BY_KEY.entrySet()) {
            String leaf = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            String section = e.getKey().substring(0, e.getKey().indexOf('.'));
            int from = reference.indexOf("\n" + section + ":");
            assertThat(from).as(section).isPositive();
            int at = reference.indexOf(" " + leaf + ": ", from);
            assertThat(at).as(e.getKey()).isPositive();
            String comment = reference.substring(at, reference.indexOf("default", at));
            assertThat(comment).as(e.getKey()).contains(e.getValue().toString());
        }
    }
}
