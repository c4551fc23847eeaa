package dev.mastersim.cli;

import dev.mastersim.experiment.Capacity;
import dev.mastersim.experiment.ClosedForms;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ClosedForm;
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
        description = "Searches on the open arrival rate (doubling, then bisecting to 2%%) with today's topology,"
                + " and prints beside it the closed-form first answer (Erlang C for a master CPU that is the"
                + " whole work), or why the scenario has none.")
final class CapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    /** The rendering of a capacity search, with the closed-form first answer {@code closed} beside it. */
    static Session.Rendering<CapacityResult> rendering(ClosedForm closed) {
        return new Session.Rendering<>(
                c -> PlanReport.capacityTable(c, closed),
                c -> JsonReport.capacity(c, closed),
                PlanReport::capacityCsv,
                (c, limits) -> List.of(Charts.capacity(c, limits)),
                HtmlReport::capacity);
    }

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, "capacity");
        Scenario s = session.load();
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        CapacityResult c = session.simulate(s, false, settings -> Capacity.run(s, settings));
        session.publish(s, c, rendering(ClosedForms.capacity(s)));
        return ExitCodes.DONE;
    }
}
