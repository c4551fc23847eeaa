package dev.mastersim.cli;

import dev.mastersim.report.AtomicFiles;
import dev.mastersim.report.Charts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The output options every command shares: the format on standard output, the artefact folder, and
 * whether a progress bar may be drawn on standard error.
 */
final class OutputOptions {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, json or csv on standard output (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write the results into DIR (each file whole or not at all).")
    Path out;

    @Option(
            names = {"-q", "--quiet"},
            description = "Draw no progress bar. The bar goes to standard error, and only when that is a terminal, "
                    + "the format is not json and the environment variable CI is not set.")
    boolean quiet;

    /** The format, or a bad-command-line error naming the allowed values. */
    String format(CommandSpec spec) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("json") && !f.equals("csv")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format: expected table, json or csv, got '" + format + "'");
        }
        return f;
    }

    /**
     * A progress bar on standard error for this command's replications, or one that draws nothing
     * (see {@link ProgressBars#show}). {@code totalKnown}: whether the command knows its total in
     * advance (run, sweep) or finds it as it searches (capacity, forecast, compare).
     */
    ProgressBars.Bar progress(CommandSpec spec, boolean totalKnown) {
        ProgressBars.Console console = ((Mastersim) spec.root().userObject()).console;
        if (!ProgressBars.show(console.terminal(), quiet, format(spec), console.ci())) {
            return ProgressBars.Bar.NONE;
        }
        return ProgressBars.open(spec.commandLine().getErr(), console.columns().getAsInt(), spec.name(), totalKnown);
    }

    /**
     * Prints the rendering the user asked for on standard output, then writes all three into
     * --out as {@code <command>.txt}, {@code .json} and {@code .csv}.
     */
    void emit(CommandSpec spec, String command, String table, String json, String csv) throws IOException {
        String f = format(spec);
        spec.commandLine().getOut().print(f.equals("json") ? json : f.equals("csv") ? csv : table);
        spec.commandLine().getOut().flush();
        write(spec, command + ".json", json);
        write(spec, command + ".csv", csv);
        write(spec, command + ".txt", table);
    }

    /** Whether --out was given: charts and HTML are drawn only then. */
    boolean writing() {
        return out != null;
    }

    /** Writes one artefact into --out (when given) and says where on standard error. */
    void write(CommandSpec spec, String name, String content) throws IOException {
        if (out == null) {
            return;
        }
        wrote(spec, AtomicFiles.writeString(out.resolve(name), content));
    }

    /** Writes one binary artefact into --out (when given) and says where on standard error. */
    void write(CommandSpec spec, String name, byte[] content) throws IOException {
        if (out == null) {
            return;
        }
        wrote(spec, AtomicFiles.write(out.resolve(name), content));
    }

    /** Writes each chart as NAME.png and NAME.svg, then the page as COMMAND.html. */
    void writeReport(CommandSpec spec, String command, List<Charts.Drawing> charts, String html) throws IOException {
        for (Charts.Drawing d : charts) {
            write(spec, d.name() + ".png", d.png());
            write(spec, d.name() + ".svg", d.svg());
        }
        write(spec, command + ".html", html);
    }

    private static void wrote(CommandSpec spec, Path p) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote " + p);
        err.flush();
    }
}
