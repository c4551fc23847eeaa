package dev.mastersim.cli;

import dev.mastersim.experiment.Day;
import dev.mastersim.experiment.Experiment;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.report.Charts;
import dev.mastersim.report.DayReport;
import dev.mastersim.report.Format;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mastersim run}: simulate one load point (month 0's peak hour, or another month's), or with
 * {@code --day} a whole day of that month, hour by hour.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "Simulate the peak hour of one month and report every figure with its 95%% confidence interval.",
        description = {
            "Simulates month 0's peak hour (rate × the largest daily multiplier), or --month's.",
            "",
            "With --day: simulates 24 hours of that month as one continuous run, hour h at rate × growth × daily[h] "
                    + "(1 every hour without a daily profile), with the spikes, whose `at` counts from the start of "
                    + "hour 0 (at: 570min is 09:30). The scenario's warm-up runs first, at hour 0's rate; its run "
                    + "duration does not apply: each hour is 3600 simulated seconds. Every figure is reported for each hour and for the "
                    + "whole day, each with its 95%% interval; each hour gets its own verdict, and the day is "
                    + "saturated when any hour is. A closed population follows daily in users.",
            "",
            "With --day and faults: a fault's `at` counts from the start of hour 0 too (up to 24h). Each hour's "
                    + "figures and verdict judge its time outside the faults' windows (each from its start until it "
                    + "has recovered); an hour spent wholly inside them is not judged (its figures are the whole "
                    + "hour's). Each fault's cost and the per-minute timeline, minute 0 at 00:00, are the day's.",
            "",
            "The table has one row per hour, the CSV one row per hour and one for the day; the JSON is the run "
                    + "document of the whole day with \"day\": {month, first_saturated_hour, peak_hour, hours} "
                    + "added; --out also writes charts of response time and utilisation by hour. A day is 24 hours "
                    + "of simulated traffic per replication, far more than a peak hour (--replications "
                    + "sets how many)."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--month",
            paramLabel = "YYYY-MM",
            description = "Simulate this month's peak hour (with --day: its day) instead of month 0's.")
    String month;

    @Option(
            names = "--day",
            description = "Simulate the month's whole day, 24 hours following traffic.daily, with the spikes; "
                    + "report each hour and the day (see above).")
    boolean day;

    static final Session.Rendering<RunResult> RENDERING = new Session.Rendering<>(
            Format.TABLE::render, Format.JSON::render, Format.CSV::render, Charts::run, HtmlReport::run);

    static final Session.Rendering<DayResult> DAY_RENDERING =
            new Session.Rendering<>(DayReport::table, JsonReport::day, DayReport::csv, Charts::day, HtmlReport::day);

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, day ? "run-day" : "run");
        if (day) {
            options.span = ScenarioLoader.Span.DAY;
        }
        Scenario s = session.load();
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        int index = monthIndex(s);
        if (!day) {
            RunResult r = session.simulate(s, true, settings -> Experiment.runMonth(s, index, settings));
            session.publish(s, r, RENDERING);
            return ExitCodes.DONE;
        }
        DayResult d = session.simulate(s, true, settings -> Day.run(s, index, settings));
        session.publish(s, d, DAY_RENDERING);
        return ExitCodes.DONE;
    }

    private int monthIndex(Scenario s) {
        if (month == null) {
            return 0;
        }
        try {
            YearMonth m = YearMonth.parse(month);
            YearMonth start = s.traffic().growth().start();
            int i = (m.getYear() - start.getYear()) * 12 + m.getMonthValue() - start.getMonthValue();
            if (i < 0) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--month: " + month + " is before the growth curve's start " + start);
            }
            return i;
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--month: expected a month such as 2027-03, got '" + month + "'");
        }
    }
}
