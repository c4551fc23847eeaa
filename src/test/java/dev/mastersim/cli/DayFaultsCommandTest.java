package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run --day} with faults from the command line: the scenario is checked for a day (a fault at
 * 09:30 that a peak hour's run refuses), the day's outputs carry the fault, and a fault past the day's
 * end is one line and exit code 3.
 */
final class DayFaultsCommandTest {
    private static final String SCENARIO =
            """
            version: 1
            traffic: {rate: 5}
            requests:
              - {name: read, share: 1, reads: 1, read_cost: {dist: constant, value: 1ms}}
            replicas: {count: 1}
            app: {servers: 2}
            run: {warmup: 30s, duration: 10min, replications: 2}
            faults:
              - {kind: app-restart, at: AT, length: 5min}
            """;

    private final CommandRunner cli = new CommandRunner();

    @TempDir
    Path dir;

    @Test
    void aDaysFaultAtNineThirtyRunsWithDayAndIsRefusedWithoutIt() throws Exception {
        Path s = CommandRunner.scenario(dir, SCENARIO.replace("AT", "570min"));
        Path out = dir.resolve("out");

        assertThat(cli.run("run", s.toString(), "--day", "--format", "json", "--out", out.toString()))
                .as(cli.err())
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(cli.out());
        JsonNode fault = j.get("faults").get(0);
        assertThat(fault.get("kind").asString()).isEqualTo("app-restart");
        assertThat(fault.get("at_s").get("mean").asDouble()).isEqualTo(34_200);
        assertThat(fault.get("failed").get("mean").asDouble()).isPositive();
        assertThat(j.get("timeline")).hasSize(24 * 60);
        assertThat(j.get("day").get("hours")).hasSize(24);
        assertThat(j.get("day")
                        .get("hours")
                        .get(9)
                        .get("run")
                        .get("measured_s")
                        .get("mean")
                        .asDouble())
                .isLessThan(3600 - 300);
        assertThat(out.resolve("fault-1-app-restart.svg")).exists();
        assertThat(Files.readString(out.resolve("run-day.txt")))
                .contains("fault 1-app-restart, 09:30 for 5 min: ")
                .contains("timeline around the faults");
        assertThat(Files.readString(out.resolve("run-day.csv"))).doesNotContain("timeline.");

        cli.clear();
        assertThat(cli.run("run", s.toString(), "--format", "json")).isEqualTo(ExitCodes.INVALID_SCENARIO);
        assertThat(cli.err())
                .contains("faults.0.at: expected a start before the run's end")
                .contains("run --day");
    }

    @Test
    void aFaultPastTheDaysEndIsOneLineAndExitCode3() throws Exception {
        Path s = CommandRunner.scenario(dir, SCENARIO.replace("AT", "25h"));

        assertThat(cli.run("run", s.toString(), "--day")).isEqualTo(ExitCodes.INVALID_SCENARIO);
        assertThat(cli.err().strip())
                .isEqualTo(s + ":9:29: faults.0.at: expected a start before the day's end (24h from the start of"
                        + " hour 0), got \"25h\"");
        assertThat(cli.out()).isEmpty();
    }
}
