package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What users and scripts expect of any command line: version, usage, suggestions, completion, exit codes. */
final class CliConventionsTest {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private static final String SMALL = CommandRunner.SMALL;

    @Test
    void versionComesFromTheBuild() throws Exception {
        assertThat(run("--version")).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        String version =
                pom.replaceAll("(?s).*?<artifactId>mastersim</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertThat(cli.out().strip()).isEqualTo("mastersim " + version);
    }

    @Test
    void noArgumentsPrintsTheUsageOnStandardErrorWithExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("Usage: mastersim").contains("forecast").contains("completion");
    }

    @Test
    void anUnknownCommandIsNamedOnceWithASuggestion() {
        assertThat(run("forcast")).isEqualTo(2);
        assertThat(cli.err())
                .contains("did you mean 'forecast'?")
                .contains("Try 'mastersim --help'")
                .doesNotContain("mastersim mastersim");
        cli.clear();
        assertThat(run("run", "--frobnicate")).isEqualTo(2);
        assertThat(cli.err()).contains("Try 'mastersim run --help'");
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        assertThat(run("completion")).isZero();
        assertThat(cli.out()).contains("complete -F").contains("forecast").contains("--fail-within");
    }

    @Test
    void countsOnTheCommandLineOutOfRangeAreABadCommandLine() throws Exception {
        String s = CommandRunner.scenario(dir, SMALL).toString();
        for (String[] args : new String[][] {
            {"--replications", "0"},
            {"--replications", "-1"},
            {"--replications", "100000000"},
            {"--threads", "0"},
            {"--threads", "-4"},
            {"--seed", "-3"}
        }) {
            cli.clear();
            assertThat(run("run", s, args[0], args[1]))
                    .as(args[0] + " " + args[1])
                    .isEqualTo(2);
            assertThat(cli.err()).as(args[0]).contains(args[0] + ": expected a whole number");
        }
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void sweepHelpSaysWhatValuesTakes() {
        assertThat(run("sweep", "--help")).isZero();
        assertThat(cli.out())
                .doesNotContain("Its values.")
                .contains("comma-separated")
                .contains("50%, row");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void exitCodeFourIsListedInTheHelp() {
        assertThat(run("--help")).isZero();
        assertThat(cli.out()).contains("4   forecast --fail-within N");
    }

    @Command(name = "oom")
    static final class OutOfMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryEndsWithOneLineAndExitOne() {
        CommandLine cl = Mastersim.commandLine();
        cl.addSubcommand("oom", new OutOfMemory());
        assertThat(cli.runIn(cl, "oom")).isEqualTo(1);
        assertThat(cli.err().strip())
                .startsWith("mastersim: failed: ran out of memory")
                .doesNotContain("\n");
    }

    private static final String GROWING =
            """
            version: 1
            name: growing
            traffic: {rate: 40, growth: {start: 2030-01, monthly: 100%}}
            requests:
              - {name: read, share: 100%, reads: 1, read_cost: 10ms}
            replicas: {count: 1, cores: 1}
            run: {duration: 5s, warmup: 1s, replications: 2}
            forecast: {months: 6}
            """;

    @Test
    void failWithinExitsFourWhenSaturationIsInsideTheWindowAndZeroOtherwise() throws Exception {
        // one core at 10 ms a read saturates between 80 and 100 requests/s: month 1 or 2 of a doubling
        String s = CommandRunner.scenario(dir, GROWING).toString();
        assertThat(run("forecast", s, "--fail-within", "4", "-q")).isEqualTo(4);
        assertThat(cli.err()).contains("within --fail-within 4");
        cli.clear();
        assertThat(run("forecast", s, "--fail-within", "0", "-q")).isZero();
        assertThat(run("forecast", s, "--fail-within", "7", "-q")).isEqualTo(2);
        assertThat(cli.err()).contains("past the forecast's horizon");
    }
}
