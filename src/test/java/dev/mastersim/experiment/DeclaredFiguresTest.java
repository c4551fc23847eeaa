package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every figure is declared, and every declaration is measured. The pinned scenarios between them
 * reach every mechanism, so each figure they produce must carry a declaration of {@link
 * Metrics#ALL} whose pattern its path fits (a figure put under an undeclared or renamed name fails
 * here), each per-observation figure must come with its weight and no other figure with one, and
 * each declaration must be produced by at least one of them (a renamed or dropped measuring line
 * fails here, instead of silently leaving its figure out of the JSON).
 */
final class DeclaredFiguresTest {
    private static final Path DIR = Path.of("src/test/resources/pinned");
    private static final List<String> PINNED = List.of(
            "optimistic",
            "no-wait",
            "shards-2pc",
            "optimistic-shards",
            "write-queue",
            "closed-ryw",
            "group-commit",
            "day");

    @Test
    void everyFigureOfThePinnedScenariosIsDeclaredAndEveryDeclarationIsProduced() throws Exception {
        List<Metric> produced = new ArrayList<>();
        for (String name : PINNED) {
            Scenario s = ScenarioLoader.load(DIR.resolve(name + ".yaml"), List.of());
            Load peak = Experiment.peakLoad(s, 0, RunSettings.of(s));
            Load load = new Load(
                    peak.rate(), peak.spikes(), peak.warmup(), Math.min(peak.duration(), 20), peak.maxInFlight());
            Measurements[] window = new Measurements[2];
            new DeploymentModel(s, load, new RandomStreams(1, 0))
                    .runWindows(new double[] {load.warmup() + load.duration()}, (f, w, all, types, apply) -> {
                        window[0] = f;
                        window[1] = w;
                    });
            for (Map.Entry<List<String>, Double> e : window[0].asMap().entrySet()) {
                List<String> path = e.getKey();
                Metric m = window[0].metric(path);
                assertThat(Metrics.ALL).as("%s: %s is declared", name, path).containsOnlyOnce(m);
                assertThat(m.matches(path))
                        .as("%s: %s fits %s", name, path, m.pattern())
                        .isTrue();
                boolean weighted = m.kind() == Metric.Kind.PER_OBSERVATION;
                assertThat(window[1].asMap().containsKey(path))
                        .as("%s: %s has a weight exactly when it is per observation", name, path)
                        .isEqualTo(weighted);
                if (!produced.contains(m)) {
                    produced.add(m);
                }
            }
        }
        assertThat(produced)
                .as("declarations produced by some pinned scenario")
                .containsExactlyInAnyOrderElementsOf(Metrics.ALL);
    }

    @Test
    void thePathsReportsNameAreInstancesOfTheDeclarationsTheyStandFor() {
        assertThat(Metrics.THROUGHPUT.path()).containsExactlyElementsOf(FigureNames.THROUGHPUT);
        assertThat(Metrics.ERROR_RATE.path()).containsExactlyElementsOf(FigureNames.ERROR_RATE);
        for (Metric m : Metrics.RESPONSE) {
            String key = m.segments().get(m.segments().size() - 1);
            assertThat(m.path()).containsExactlyElementsOf(FigureNames.response(key));
            assertThat(Metrics.response(key)).isSameAs(m);
        }
        assertThat(Metrics.STATION_UTILISATION.path("master.cpu"))
                .containsExactlyElementsOf(FigureNames.utilisation("master.cpu"));
        assertThat(FigureNames.isUtilisation(FigureNames.utilisation("master.cpu")))
                .isTrue();
        assertThat(FigureNames.isUtilisation(List.of(Metrics.STATION_WAIT.path("master.cpu"))))
                .isFalse();
        assertThat(Metrics.LOCK_BLOCKED_FRACTION.path("orders"))
                .containsExactlyElementsOf(FigureNames.blockedFraction("orders"));
    }

    @Test
    void aDeclarationIsPutOnlyUnderItsOwnPatternAndWithTheWeightItsKindAsks() {
        Measurements m = new Measurements();
        m.put(Metrics.STATION_WAIT, 2.0, 10, "master.cpu");
        m.put(Metrics.STATION_UTILISATION, 0.5, "master.cpu");
        assertThat(m.get("stations", "master.cpu", "wait_ms")).isEqualTo(2.0);
        assertThat(m.weights().asMap()).containsOnlyKeys(List.of("stations", "master.cpu", "wait_ms"));
        assertThat(m.metric(List.of("stations", "master.cpu", "utilisation"))).isSameAs(Metrics.STATION_UTILISATION);
        assertThatIllegalArgumentException().isThrownBy(() -> m.put(Metrics.STATION_WAIT, 2.0, "master.cpu"));
        assertThatIllegalArgumentException().isThrownBy(() -> m.put(Metrics.STATION_UTILISATION, 0.5, 3, "master.cpu"));
        assertThatIllegalArgumentException().isThrownBy(() -> m.put(Metrics.THROUGHPUT, 1.0, "extra"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> m.putAt(Metrics.STATION_UTILISATION, 0.5, List.of("pools", "master", "in_use")));
    }
}
