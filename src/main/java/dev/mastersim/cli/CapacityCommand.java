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

    @Override
    public Integer call() throws Exception {
        output.format(spec); // a bad --format fails before anything is simulated
        Scenario s = options.load(spec.commandLine().getErr());
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        CapacityResult c;
        try (ProgressBars.Bar bar = output.progress(spec, false)) {
            c = Capacity.run(s, options.settings(s).withProgress(bar.progress()));
        }
        String json = JsonReport.capacity(c);
        String csv = PlanReport.capacityCsv(c);
        String table = PlanReport.capacityTable(c);
        output.emit(spec, "capacity", table, json, csv);
        if (output.writing()) {
            var charts = List.of(Charts.capacity(c, ScenarioOptions.limits(s)));
            output.writeReport(spec, "capacity", charts, HtmlReport.capacity(c, charts, options.source()));
        }
        return ExitCodes.DONE;
    }
}
