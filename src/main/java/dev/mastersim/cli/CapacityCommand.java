package dev.mastersim.cli;

import dev.mastersim.experiment.Capacity;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mastersim capacity}: the highest peak rate that is not saturated, and what gives out above it. */
@Command(
        name = "capacity",
        mixinStandardHelpOptions = true,
        header = "Highest peak rate (requests/s) that is not saturated, and its bottleneck.",
        description = "Searches on the open arrival rate (doubling, then bisecting to 2%%) with today's topology.")
final class CapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    static final Session.Rendering<CapacityResult> RENDERING = new Session.Rendering<>(
            PlanReport::capacityTable,
            JsonReport::capacity,
            PlanReport::capacityCsv,
            (c, limits) -> List.of(Charts.capacity(c, limits)),
            HtmlReport::capacity);

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, "capacity");
        Scenario s = session.load();
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        CapacityResult c = session.simulate(s, false, settings -> Capacity.run(s, settings));
        session.publish(s, c, RENDERING);
        return ExitCodes.DONE;
    }
}
