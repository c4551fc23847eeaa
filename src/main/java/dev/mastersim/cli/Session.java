package dev.mastersim.cli;

import dev.mastersim.experiment.RunSettings;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.scenario.Scenario;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every simulating command does, in this order: check the command line and the {@code --out} folder,
 * load the scenario, simulate under a progress bar, print the format asked for, then write the artefacts
 * and, last, the manifest. A command supplies what it simulates and a {@link Rendering} of its result.
 */
final class Session {
    private final CommandSpec spec;
    private final ScenarioOptions options;
    private final OutputOptions output;
    private final String command;

    /** One invocation of {@code command}, whose files in {@code --out} are named after it. */
    Session(CommandSpec spec, ScenarioOptions options, OutputOptions output, String command) {
        this.spec = spec;
        this.options = options;
        this.output = output;
        this.command = command;
    }

    /** A simulation of the loaded scenario with the command's settings (progress included). */
    interface Study<R> {
        R run(RunSettings settings) throws Exception;
    }

    /** A charts-and-page pair: the charts are drawn only when {@code --out} is given. */
    interface Page<R> {
        String html(R result, List<Charts.Drawing> charts, HtmlReport.Source source);
    }

    /**
     * How a command's result is rendered: the three formats, its charts (given the scenario's SLO limits)
     * and its HTML page.
     */
    record Rendering<R>(
            Function<R, String> table,
            Function<R, String> json,
            Function<R, String> csv,
            BiFunction<R, Charts.Limits, List<Charts.Drawing>> charts,
            Page<R> page) {}

    /**
     * Checks the options that need no scenario ({@code --format}, counts, {@code --out}), then loads the
     * scenario with {@code --set}; null after printing every problem (exit code 3).
     */
    Scenario load() throws IOException {
        options.check(spec);
        output.prepare(spec, command);
        return options.load(spec.commandLine().getErr());
    }

    /** The scenario with these overrides instead of {@code --set}'s, or null after printing its problems. */
    Scenario loadWith(List<String> sets) {
        return options.loadWith(sets, spec.commandLine().getErr());
    }

    /** The run settings for {@code s}: the command line's over the scenario's. */
    RunSettings settings(Scenario s) {
        return options.settings(s);
    }

    /** Runs {@code study} with {@code s}'s settings while a progress bar is drawn (when one may be). */
    <R> R simulate(Scenario s, boolean totalKnown, Study<R> study) throws Exception {
        return simulate(totalKnown, bar -> study.run(options.settings(s).withProgress(bar.progress())));
    }

    /** Runs {@code body} with the progress bar open; the bar is closed (and cleared) before returning. */
    <R> R simulate(boolean totalKnown, BarStudy<R> body) throws Exception {
        try (ProgressBars.Bar bar = output.progress(spec, totalKnown)) {
            return body.run(bar);
        }
    }

    /** A simulation that needs the bar itself (a sweep gives each point its own settings). */
    interface BarStudy<R> {
        R run(ProgressBars.Bar bar) throws Exception;
    }

    /**
     * Prints {@code result} in the format asked for, writes {@code <command>.txt/.json/.csv}, its charts and
     * {@code <command>.html} into {@code --out}, and last the manifest.
     */
    <R> void publish(Scenario s, R result, Rendering<R> r) throws IOException {
        String table = r.table().apply(result);
        String json = r.json().apply(result);
        String csv = r.csv().apply(result);
        output.emit(spec, command, table, json, csv);
        if (output.writing()) {
            List<Charts.Drawing> charts = r.charts().apply(result, ScenarioOptions.limits(s));
            output.writeReport(spec, command, charts, r.page().html(result, charts, options.source()));
        }
        output.finish(spec);
    }

    /** Writes one extra artefact (a sweep point) into {@code --out}, listed in the manifest. */
    void write(String name, String content) throws IOException {
        output.write(spec, name, content);
    }
}
