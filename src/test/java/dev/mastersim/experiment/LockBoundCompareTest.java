package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The case mastersim exists for, on the shipped {@code scenarios/istock-2007.yaml} (with shorter
 * runs): photo views and downloads contend for hot pages of {@code photos} while the CPUs, the app
 * tier's included, are far from busy. The forecast must name the lock table, four times the app
 * servers and more replicas must buy nothing, and finer granularity, sharding and a write queue must
 * each buy months.
 */
@ExperimentScale
final class LockBoundCompareTest {
    private static final List<String> SHORT = List.of("run.duration=30s", "run.warmup=10s", "run.replications=3");

    private static Scenario load(List<String> extra) throws Exception {
        List<String> sets = new ArrayList<>(SHORT);
        sets.addAll(extra);
        return ScenarioLoader.load(Path.of("scenarios/istock-2007.yaml"), sets);
    }

    @Test
    void theLockTableIsTheBottleneckWhileCpusIdle() throws Exception {
        Scenario s = load(List.of());
        ForecastResult f = Forecast.run(s, RunSettings.of(s));
        assertThat(f.saturation()).isNotNull();
        RunResult r = f.saturation().result();
        assertThat(r.verdict().bottleneck()).isEqualTo("master.locks:photos");
        assertThat(r.mean("stations", "master.cpu", "utilisation")).isLessThan(0.5);
        assertThat(r.mean("stations", "replica-1.cpu", "utilisation")).isLessThan(0.5);
        assertThat(r.mean("stations", "app-1.cpu", "utilisation")).isLessThan(0.5);
    }

    @Test
    void replicasBuyNothingWhileGranularityShardingAndAWriteQueueBuyMonths() throws Exception {
        Scenario base = load(List.of());
        Map<String, Scenario> arms = new LinkedHashMap<>();
        arms.put("baseline", base);
        for (Map.Entry<String, Map<String, String>> arm : base.options().entrySet()) {
            List<String> sets = new ArrayList<>();
            arm.getValue().forEach((k, v) -> sets.add(k + "=" + v));
            arms.put(arm.getKey(), load(sets));
        }
        Map<String, Arm> byName = new LinkedHashMap<>();
        Compare.run(arms, RunSettings.of(base)).forEach(a -> byName.put(a.name(), a));
        assertThat(byName.get("app-servers-4x").monthsBought()).isZero();
        assertThat(byName.get("more-replicas").monthsBought()).isZero();
        assertThat(byName.get("row-locks").monthsBought()).isGreaterThanOrEqualTo(6);
        assertThat(byName.get("shard-4").monthsBought()).isGreaterThanOrEqualTo(6);
        assertThat(byName.get("write-queue").monthsBought()).isGreaterThanOrEqualTo(6);

        // past the horizon, row locks and the write queue get the months their capacities reach on the
        // growth curve: different months, ranked by them
        Arm rowLocks = byName.get("row-locks");
        Arm writeQueue = byName.get("write-queue");
        GrowthInversion curve = GrowthInversion.of(base);
        for (Arm a : List.of(rowLocks, writeQueue)) {
            assertThat(a.derived()).as(a.name()).isTrue();
            assertThat(a.monthIndex())
                    .as(a.name())
                    .isGreaterThanOrEqualTo(base.forecast().months());
            assertThat(a.monthIndex())
                    .as(a.name())
                    .isEqualTo(curve.firstMonthAbove(a.capacity().capacity()).getAsInt());
        }
        assertThat(rowLocks.monthIndex()).isNotEqualTo(writeQueue.monthIndex());
        Arm later = rowLocks.monthIndex() > writeQueue.monthIndex() ? rowLocks : writeQueue;
        Arm earlier = later == rowLocks ? writeQueue : rowLocks;
        assertThat(later.rank()).isLessThan(earlier.rank());
        assertThat(later.rank()).isEqualTo(1);
        assertThat(byName.get("baseline").rank())
                .isGreaterThan(byName.get("shard-4").rank());
    }
}
