package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line as users and scripts see it: exit codes, messages, output formats, files. */
final class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return runIn(Mastersim.commandLine(), args);
    }

    /** Runs as if standard error were a terminal, with or without CI set. */
    private int onTerminal(boolean ci, String... args) {
        return runIn(Mastersim.commandLine(new ProgressBars.Console(true, ci, () -> 100)), args);
    }

    private int runIn(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path scenario(String text) throws Exception {
        Path p = dir.resolve("s.yaml");
        Files.writeString(p, text);
        return p;
    }

    private static final String SMALL = CommandRunner.SMALL;

    @Test
    void invalidScenarioExitsWithThreeAndOneLinePerProblem() throws Exception {
        Path p = scenario(
                """
                version: 1
                traffic: {rate: -5}
                requests:
                  - {name: read, share: 50%, reads: 1}
                replica: {count: 2}
                """);
        int code = run("run", p.toString());
        assertThat(code).isEqualTo(3);
        String[] lines = err.toString().strip().split("\\R");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).allMatch(l -> l.matches(".*s\\.yaml:\\d+:\\d+: .+: .+"));
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingFileIsAnInvalidScenario() {
        assertThat(run("run", dir.resolve("nope.yaml").toString())).isEqualTo(3);
        assertThat(err.toString()).contains("nope.yaml").doesNotContain("Exception");
    }

    @Test
    void badCommandLineExitsWithTwo() throws Exception {
        assertThat(run("run", scenario(SMALL).toString(), "--replications", "many"))
                .isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("run", scenario(SMALL).toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format").doesNotContain("\tat ");
    }

    @Test
    void jsonFormatPrintsExactlyOneDocumentWithTheContractNames() throws Exception {
        assertThat(run("run", scenario(SMALL).toString(), "--format", "json")).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(out.toString());
        assertThat(doc.get("scenario").asString()).isEqualTo("small");
        assertThat(doc.get("replications").asInt()).isEqualTo(2);
        assertThat(doc.get("verdict").has("bottleneck")).isTrue();
        assertThat(doc.at("/all/response_ms/p99").has("ci95")).isTrue();
        assertThat(doc.at("/stations/replica-1.cpu/utilisation/mean").isNumber())
                .isTrue();
        assertThat(doc.at("/replication/lag_ms").has("mean")).isTrue();
    }

    @Test
    void outWritesEveryFormatWholeAndLeavesNoTemporaryFile() throws Exception {
        Path results = dir.resolve("results");
        assertThat(run("run", scenario(SMALL).toString(), "--out", results.toString()))
                .isZero();
        assertThat(results.resolve("run.json")).exists();
        assertThat(results.resolve("run.csv")).exists();
        assertThat(results.resolve("run.txt")).exists();
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
        assertThat(err.toString()).contains("wrote ");
    }

    private static final String DAY =
            """
            version: 1
            name: day
            traffic: {rate: 5, daily: [0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.9, 1, 1, 1,
                                       1, 1, 1, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]}
            requests:
              - {name: read, share: 100%, reads: 1}
            run: {warmup: 30s, replications: 2}
            """;

    @Test
    void runDayPrintsOneJsonDocumentWithTwentyFourHours() throws Exception {
        assertThat(run("run", scenario(DAY).toString(), "--day", "--format", "json"))
                .isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(out.toString());
        assertThat(doc.get("scenario").asString()).isEqualTo("day");
        assertThat(doc.at("/all/response_ms/p99").has("ci95")).isTrue();
        assertThat(doc.at("/verdict").has("bottleneck")).isTrue();
        JsonNode hours = doc.at("/day/hours");
        assertThat(hours.size()).isEqualTo(24);
        for (int h = 0; h < 24; h++) {
            assertThat(hours.get(h).get("hour").asInt()).isEqualTo(h);
            assertThat(hours.get(h).at("/all/throughput_per_s/mean").isNumber()).isTrue();
            assertThat(hours.get(h).at("/stations/replica-1.cpu/utilisation").has("ci95"))
                    .isTrue();
            assertThat(hours.get(h).at("/verdict/saturated").isBoolean()).isTrue();
        }
        assertThat(hours.get(10).get("rate_per_s").asDouble()).isEqualTo(5.0);
        assertThat(doc.at("/day/peak_hour").asInt()).isEqualTo(9);
        assertThat(doc.at("/day/first_saturated_hour").isNull()).isTrue();
        assertThat(doc.at("/day/month").asString()).isEqualTo("2026-01");
    }

    @Test
    void runDayTableAndCsvHaveOneRowPerHour() throws Exception {
        Path results = dir.resolve("day");
        assertThat(run("run", scenario(DAY).toString(), "--day", "--out", results.toString()))
                .isZero();
        assertThat(out.toString().lines().filter(l -> l.matches("\\d\\d +\\d.*")))
                .hasSize(24);
        List<String> csv = Files.readAllLines(results.resolve("run-day.csv"));
        assertThat(csv).hasSize(1 + 24 + 1);
        assertThat(csv.get(1)).startsWith("0,");
        assertThat(csv.get(25)).startsWith("day,");
        for (String f :
                List.of("run-day.json", "run-day.txt", "run-day.html", "day-response.png", "day-utilisation.svg")) {
            assertThat(results.resolve(f)).exists();
        }
    }

    @Test
    void runDayOfAClosedPopulationRunsItsHours() throws Exception {
        Path p = scenario(
                """
                version: 1
                traffic: {arrivals: closed, users: 2, think: 20s}
                requests:
                  - {name: read, share: 100%, reads: 1}
                run: {replications: 2}
                """);
        assertThat(run("run", p.toString(), "--day", "--format", "json")).isZero();
        JsonNode day = JsonMapper.builder().build().readTree(out.toString());
        assertThat(day.toString()).contains("\"hours\"");
    }

    @Test
    void setOverridesAreValidatedLikeTheFile() throws Exception {
        assertThat(run("run", scenario(SMALL).toString(), "--set", "replicas.count=-1"))
                .isEqualTo(3);
        assertThat(err.toString()).contains("--set");
    }

    @Test
    void schemaPrintsTheJsonSchema() throws Exception {
        assertThat(run("schema")).isZero();
        JsonNode schema = JsonMapper.builder().build().readTree(out.toString());
        assertThat(schema.has("properties")).isTrue();
    }

    @Test
    void sweepPrintsOneRowPerValue() throws Exception {
        assertThat(run("sweep", scenario(SMALL).toString(), "--param", "replicas.count", "--values", "1,2"))
                .isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("1 ") || l.startsWith("2 ")))
                .hasSize(2);
    }

    @Test
    void onATerminalTheBarGoesToStandardErrorAndIsClearedBeforeTheTable() throws Exception {
        assertThat(onTerminal(false, "run", scenario(SMALL).toString())).isZero();
        String bar = err.toString();
        assertThat(bar).startsWith("\rrun ").contains("run 100%").contains("2/2");
        // the last frame blanks the line, so the terminal is left as it was
        assertThat(bar).endsWith("\r" + " ".repeat(100) + "\r");
        assertThat(out.toString())
                .doesNotContain("\r")
                .doesNotContain("run 100%")
                .doesNotContain("2/2");
    }

    @Test
    void theBarChangesNothingOnStandardOutput() throws Exception {
        String s = scenario(SMALL).toString();
        assertThat(onTerminal(false, "run", s)).isZero();
        String withBar = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("run", s, "--quiet")).isZero();
        assertThat(withBar).isEqualTo(out.toString());
    }

    @Test
    void quietJsonAndCiLeaveStandardErrorEmpty() throws Exception {
        String s = scenario(SMALL).toString();
        assertThat(onTerminal(false, "run", s, "--quiet")).isZero();
        assertThat(onTerminal(false, "sweep", s, "-q", "--param", "replicas.count", "--values", "1,2"))
                .isZero();
        assertThat(onTerminal(false, "run", s, "--format", "json")).isZero();
        assertThat(onTerminal(true, "run", s)).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everySimulatingCommandDrawsItsBarOnATerminal() throws Exception {
        // one single-core replica, so that the capacity search ends after a few doublings
        String s = scenario(SMALL + "replicas: {count: 1, cores: 1}\nforecast: {months: 3}\n")
                .toString();
        for (String[] args : new String[][] {
            {"run", s},
            {"capacity", s},
            {"forecast", s},
            {"compare", s},
            {"sweep", s, "--param", "replicas.cores", "--values", "1,2"}
        }) {
            err.getBuffer().setLength(0);
            assertThat(onTerminal(false, args)).as(args[0]).isZero();
            assertThat(err.toString()).as(args[0]).contains("\r" + args[0] + " ");
        }
    }

    @Test
    void quietIsInTheHelp() {
        assertThat(run("forecast", "--help")).isZero();
        assertThat(out.toString()).contains("--quiet");
    }
}
