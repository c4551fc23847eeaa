package dev.mastersim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: lists the subcommands. */
@Command(
        name = "mastersim",
        mixinStandardHelpOptions = true,
        version = "mastersim 0.1.0",
        header = "When does the single write master stop keeping up, why, and what buys how much time?",
        description = {
            "A discrete-event simulation of app servers with connection pools, a master running strict two-phase",
            "locking with group commit, and read replicas that apply the write stream and lag."
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
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed while running", "2:bad command line", "3:invalid scenario"})
public final class Mastersim implements Runnable {
    @Spec
    CommandSpec spec;

    /** Standard error and the environment, as the progress bar sees them. */
    final ProgressBars.Console console;

    private Mastersim(ProgressBars.Console console) {
        this.console = console;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
            err.println("mastersim: " + ex.getMessage());
            err.println("Try 'mastersim " + ex.getCommandLine().getCommandName() + " --help' for more information.");
            return ExitCodes.BAD_COMMAND_LINE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("mastersim: failed: " + describe(ex));
            if (System.getenv("MASTERSIM_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.FAILED;
        });
        return cl;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
