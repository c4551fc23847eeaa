package dev.mastersim.cli;

import dev.mastersim.report.AtomicFiles;
import dev.mastersim.report.Charts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The output options every command shares: the format on standard output, the artefact folder, and
 * whether a progress bar may be drawn on standard error.
 *
 * <p><b>The files of one run.</b> Each file is written whole or not at all ({@link AtomicFiles}). The set is
 * made recognisable: before the first file, the command's old {@code <command>.manifest.json} is removed;
 * after the last, a new one lists every file of this run with its size and SHA-256. A folder with no
 * manifest, or with files that differ from it, holds an incomplete set. Temporary files are named
 * {@code .mastersim-<command>.<file>…tmp}; those a killed run left behind are removed when the same command
 * next writes into the folder. Other commands' files in a shared folder are left alone.
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
            description = "Also write the results into DIR (each file whole or not at all), and last "
                    + "<command>.manifest.json listing them with sizes and SHA-256 checksums.")
    Path out;

    @Option(
            names = {"-q", "--quiet"},
            description = "Draw no progress bar. The bar goes to standard error, and only when that is a terminal, "
                    + "the format is not json and the environment variable CI is not set.")
    boolean quiet;

    /** The files written by this run, by name, with their bytes' checksum and size. */
    private final Map<String, String[]> written = new LinkedHashMap<>();

    private String command;

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
     * Before anything is simulated: checks the format, and that {@code --out} is a folder this process can
     * write into (created when missing); removes the temporary files an interrupted {@code command} left
     * there. A folder that cannot be written is a bad command line: nothing has been run yet.
     */
    void prepare(CommandSpec spec, String command) {
        format(spec);
        this.command = command;
        if (out == null) {
            return;
        }
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IOException("it is a file, not a folder");
            }
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, tempPrefix("probe"), ".tmp");
            try {
                Files.write(probe, new byte[] {'\n'});
            } finally {
                Files.deleteIfExists(probe);
            }
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(out, ".mastersim-" + command + ".*.tmp")) {
                for (Path p : stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            String why = e.getMessage() != null && e.getMessage().startsWith("it is a file")
                    ? e.getMessage()
                    : AtomicFiles.reason(e);
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out " + out + ": cannot write there (" + why + ")");
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out " + out + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    private String tempPrefix(String file) {
        return ".mastersim-" + command + "." + file + ".";
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

    /** Prints the rendering the user asked for on standard output. */
    void print(CommandSpec spec, String table, String json, String csv) {
        String f = format(spec);
        spec.commandLine().getOut().print(f.equals("json") ? json : f.equals("csv") ? csv : table);
        spec.commandLine().getOut().flush();
    }

    /**
     * Prints the rendering the user asked for on standard output, then writes all three into --out as
     * {@code <command>.json}, {@code .csv} and {@code .txt}.
     */
    void emit(CommandSpec spec, String command, String table, String json, String csv) throws IOException {
        print(spec, table, json, csv);
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
        write(spec, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one binary artefact into --out (when given) and says where on standard error. */
    void write(CommandSpec spec, String name, byte[] content) throws IOException {
        if (out == null) {
            return;
        }
        if (written.isEmpty()) {
            Files.deleteIfExists(out.resolve(manifestName()));
        }
        Path p = AtomicFiles.write(out.resolve(name), content, tempPrefix(name));
        written.put(name, new String[] {sha256(content), Integer.toString(content.length)});
        wrote(spec, p);
    }

    /** Writes each chart as NAME.png and NAME.svg, then the page as COMMAND.html. */
    void writeReport(CommandSpec spec, String command, List<Charts.Drawing> charts, String html) throws IOException {
        for (Charts.Drawing d : charts) {
            write(spec, d.name() + ".png", d.png());
            write(spec, d.name() + ".svg", d.svg());
        }
        write(spec, command + ".html", html);
    }

    /** Writes the manifest, last: the files of this run with their sizes and checksums. */
    void finish(CommandSpec spec) throws IOException {
        if (out == null) {
            return;
        }
        StringBuilder sb =
                new StringBuilder("{\n  \"command\": \"").append(command).append("\",\n  \"files\": [");
        String sep = "\n";
        for (Map.Entry<String, String[]> e : written.entrySet()) {
            sb.append(sep)
                    .append("    {\"name\": \"")
                    .append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\", \"bytes\": ")
                    .append(e.getValue()[1])
                    .append(", \"sha256\": \"")
                    .append(e.getValue()[0])
                    .append("\"}");
            sep = ",\n";
        }
        sb.append("\n  ]\n}\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        wrote(spec, AtomicFiles.write(out.resolve(manifestName()), bytes, tempPrefix(manifestName())));
    }

    private String manifestName() {
        return command + ".manifest.json";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void wrote(CommandSpec spec, Path p) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote " + p);
        err.flush();
    }
}
