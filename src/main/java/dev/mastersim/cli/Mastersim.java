package dev.mastersim.cli;

import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.scenario.Suggest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The top command: lists the subcommands. A new subcommand is one class and one line in {@code subcommands}.
 */
@Command(
        name = "mastersim",
        mixinStandardHelpOptions = true,
        versionProvider = Mastersim.Version.class,
        header = "When does the single write master stop keeping up, why, and what buys how much time?",
        description = {
            "A discrete-event simulation of app servers with connection pools, a master running strict two-phase "
                    + "locking with group commit, and read replicas that apply the write stream and lag."
        },
        subcommands = {
            RunCommand.class,
            CapacityCommand.class,
            ForecastCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            UslCommand.class,
            CalibrateCommand.class,
            ValidateCommand.class,
            SchemaCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nBottleneck:%n",
        footer = {"  Each resource gets a load index; " + Verdict.DEFINITION + "."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:failed while running (out of memory included)",
            "2:bad command line",
            "3:invalid scenario",
            "4:forecast --fail-within N: saturated within N months"
        })
public final class Mastersim implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Standard error and the environment, as the progress bar sees them. */
    final ProgressBars.Console console;

    private Mastersim(ProgressBars.Console console) {
        this.console = console;
    }

    /** Without a subcommand: the usage on standard error, and exit code 2 (a script called it wrongly). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.BAD_COMMAND_LINE;
    }

    /** The configured command line: exit codes per CONTRACT §2, errors without stack traces. */
    public static CommandLine commandLine() {
        return commandLine(ProgressBars.Console.system());
    }

    /** The command line as if run in {@code console} (tests pretend to be on a terminal). */
    static CommandLine commandLine(ProgressBars.Console console) {
        CommandLine cl = new CommandLine(new Mastersim(console));
        cl.setExitCodeExceptionMapper(e -> ExitCodes.FAILED);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("mastersim: " + ex.getMessage() + suggestion(ex));
            err.println(
                    "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.BAD_COMMAND_LINE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("mastersim: failed: " + describe(ex));
            if (System.getenv("MASTERSIM_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCodes.FAILED;
        });
        cl.setExecutionStrategy(Mastersim::executeWithinMemory);
        return cl;
    }

    /**
     * Runs the chosen command; running out of memory anyway (the footprint estimate is an estimate) ends
     * with one line and exit code 1. The model is garbage by the time the error arrives here, so the
     * line can be printed.
     */
    private static int executeWithinMemory(CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError e) {
            CommandLine cl = parseResult.commandSpec().commandLine();
            cl.getErr()
                    .println("mastersim: failed: ran out of memory (" + e.getMessage() + "); lower the replications, "
                            + "--threads, the population or the run's length, or give Java more memory "
                            + "(MASTERSIM_JAVA_OPTS=-Xmx4g)");
            cl.getErr().flush();
            return ExitCodes.FAILED;
        }
    }

    /** " (did you mean 'run'?)" for a mistyped subcommand, else nothing. */
    private static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return "";
        }
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String word = u.getUnmatched().get(0);
        if (word.startsWith("-") || spec.subcommands().isEmpty()) {
            return "";
        }
        String close = Suggest.closest(word, List.copyOf(spec.subcommands().keySet()));
        return close == null ? "" : " (did you mean '" + close + "'?)";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The version the build wrote into {@code version.properties} (from the pom). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Mastersim.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"mastersim " + p.getProperty("version", "(unknown version)")};
        }
    }
}
