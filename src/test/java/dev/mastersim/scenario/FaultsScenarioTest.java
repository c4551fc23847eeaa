package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code faults} list binds each kind's keys, with their defaults, in the file's order. */
final class FaultsScenarioTest {
    private static final String BASE =
            """
            version: 1
            traffic: {rate: 100}
            requests:
              - {name: browse, share: 1, reads: 1}
            master: {shards: 2}
            run: {warmup: 1min, duration: 1h}
            faults:
            """;

    private static List<Fault> faults(String lines) throws ScenarioException {
        return ScenarioLoader.parse(BASE + lines, "test.yaml", List.of()).faults();
    }

    @Test
    void everyKindBindsItsKeys() throws ScenarioException {
        List<Fault> f = faults(
                """
                  - {kind: master-restart, at: 10min, length: 14min, shard: 2, cold: {length: 10min, factor: 3}}
                  - {kind: replica-loss, at: 5min, length: 20min, replica: 2}
                  - {kind: storage-degraded, at: 0s, length: 30min, factor: 8, target: replica-3}
                  - {kind: app-restart, at: 30min, length: 2min, servers: [1, 4], rounds: 2, gap: 5min}
                """);

        assertThat(f)
                .containsExactly(
                        new Fault(FaultKind.MASTER_RESTART, 600, 840, 1, 0, 2, 0, 600, 3, List.of(), 1, 0),
                        new Fault(FaultKind.REPLICA_LOSS, 300, 1200, 1, 0, 0, 2, 0, 1, List.of(), 1, 0),
                        new Fault(FaultKind.STORAGE_DEGRADED, 0, 1800, 8, 3, 0, 0, 0, 1, List.of(), 1, 0),
                        new Fault(FaultKind.APP_RESTART, 1800, 120, 1, 0, 0, 0, 0, 1, List.of(1, 4), 2, 300));
        assertThat(f.get(3).end()).isEqualTo(1800 + 300 + 120);
        assertThat(f.get(0).kindName()).isEqualTo("master-restart");
    }

    @Test
    void defaultsAreTheWholeMasterAllServersOneRound() throws ScenarioException {
        List<Fault> f = faults(
                """
                  - {kind: master-restart, at: 1min, length: 1min}
                  - {kind: storage-degraded, at: 1min, length: 1min, factor: 2}
                  - {kind: app-restart, at: 1min, length: 1min, servers: all}
                """);

        assertThat(f.get(0).shard()).isZero();
        assertThat(f.get(0).coldLength()).isZero();
        assertThat(f.get(1).target()).isZero();
        assertThat(f.get(2).servers()).isEmpty();
        assertThat(f.get(2).rounds()).isEqualTo(1);
    }

    @Test
    void noFaultsByDefault() throws ScenarioException {
        assertThat(ScenarioLoader.parse(BASE.replace("faults:\n", ""), "test.yaml", List.of())
                        .faults())
                .isEmpty();
    }

    /** {@code --set faults.<i>.<key>=...} changes one fault's key, validated like the file. */
    @Test
    void setChangesAFaultByItsIndex() throws ScenarioException {
        String lines =
                """
                  - {kind: master-restart, at: 10min, length: 14min}
                  - {kind: app-restart, at: 30min, length: 2min}
                """;
        List<Fault> f = ScenarioLoader.parse(
                        BASE + lines,
                        "test.yaml",
                        List.of("faults.0.length=20min", "faults.1.rounds=3", "faults.1.gap=5min"))
                .faults();

        assertThat(f.get(0).length()).isEqualTo(1200);
        assertThat(f.get(1).rounds()).isEqualTo(3);
        assertThat(f.get(1).end()).isEqualTo(1800 + 2 * 300 + 120);
    }

    @Test
    void aBadFaultPathIsOneLineInTheHouseFormat() {
        String lines = "  - {kind: master-restart, at: 10min, length: 14min}\n";
        assertThat(problems(lines, "faults.3.length=5min"))
                .containsExactly("--set#1:1:8: faults.3.length: expected the index of an entry of faults, from 0 to 0"
                        + " (it has 1 entry), got 3");
        assertThat(problems(lines, "faults[0].length=5min"))
                .containsExactly("--set#1:1:7: faults[0].length: expected a dotted key, a list's entry by its index"
                        + " from 0 or its name, such as faults.0.length");
        assertThat(problems(lines, "faults.0.lenght=5min"))
                .singleElement()
                .asString()
                .startsWith("--set#1:1:10: faults.0.lenght: unknown key \"lenght\" (did you mean \"length\"?)");
        assertThat(problems(lines, "faults.0.length=5"))
                .singleElement()
                .asString()
                .startsWith("--set#1:1:17: faults.0.length: expected a duration");
    }

    /**
     * A fault must start inside the run the scenario is loaded for: a peak hour's warm-up + duration
     * (61 min here), or with {@code run --day} the 24 hours from the start of hour 0, which its {@code at}
     * counts from. A start the peak hour refuses but a day would take says so.
     */
    @Test
    void aFaultStartsInsideThePeakHourOrInsideTheDay() throws ScenarioException {
        String morning = "  - {kind: master-restart, at: 570min, length: 14min}\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(BASE + morning, "test.yaml", List.of()))
                .isInstanceOf(ScenarioException.class)
                .extracting(e -> ((ScenarioException) e)
                        .problems().stream().map(Problem::toString).toList())
                .isEqualTo(List.of("test.yaml:8:32: faults.0.at: expected a start before the run's end (warm-up +"
                        + " duration = 3660s), got \"570min\" (with run --day, at counts from the start of hour 0,"
                        + " up to 24h)"));
        Scenario day = ScenarioLoader.parse(BASE + morning, "test.yaml", List.of(), ScenarioLoader.Span.DAY);
        assertThat(day.faults().get(0).at()).isEqualTo(570 * 60.0);

        String late = "  - {kind: master-restart, at: 24h, length: 14min}\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(BASE + late, "test.yaml", List.of(), ScenarioLoader.Span.DAY))
                .isInstanceOf(ScenarioException.class)
                .extracting(e -> ((ScenarioException) e)
                        .problems().stream().map(Problem::toString).toList())
                .isEqualTo(List.of("test.yaml:8:32: faults.0.at: expected a start before the day's end (24h from the"
                        + " start of hour 0), got \"24h\""));
        // an override is checked for the same run
        assertThat(ScenarioLoader.parse(
                                BASE + "  - {kind: master-restart, at: 1min, length: 1min}\n",
                                "test.yaml",
                                List.of("faults.0.at=23h"),
                                ScenarioLoader.Span.DAY)
                        .faults()
                        .get(0)
                        .at())
                .isEqualTo(23 * 3600.0);
    }

    private static List<String> problems(String lines, String set) {
        try {
            ScenarioLoader.parse(BASE + lines, "test.yaml", List.of(set));
            throw new AssertionError("accepted " + set);
        } catch (ScenarioException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }
}
