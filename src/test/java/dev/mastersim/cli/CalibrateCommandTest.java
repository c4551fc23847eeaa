package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mastersim calibrate} then {@code mastersim validate} on embedded H2, with short steps. */
final class CalibrateCommandTest {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void calibrateWritesFragmentAndScenarioThatValidateReplays() throws Exception {
        Path o = dir.resolve("cal");
        int code = run(
                "calibrate",
                "--workload",
                "uniform",
                "--clients",
                "1,2",
                "--step",
                "300ms",
                "--format",
                "json",
                "--out",
                o.toString());
        assertThat(code).as(cli.err()).isZero();
        JsonNode c = JsonMapper.builder().build().readTree(cli.out());
        assertThat(c.get("steps")).hasSize(2);
        assertThat(c.get("parameters").has("master.flush")).isTrue();
        for (String f : new String[] {
            "calibrate.json",
            "calibrate.txt",
            "calibrate.csv",
            "calibrate-fragment.yaml",
            "calibrate-scenario.yaml",
            "calibrate.png"
        }) {
            assertThat(o.resolve(f)).isNotEmptyFile();
        }
        // run accepts the scenario of the measured workload
        cli.clear();
        assertThat(run(
                        "run",
                        o.resolve("calibrate-scenario.yaml").toString(),
                        "--replications",
                        "2",
                        "--format",
                        "json"))
                .as(cli.err())
                .isZero();
        cli.clear();
        Path v = dir.resolve("val");
        code = run(
                "validate",
                o.resolve("calibrate-scenario.yaml").toString(),
                "--step",
                "300ms",
                "--repeat",
                "2",
                "--replications",
                "2",
                "--format",
                "json",
                "--out",
                v.toString());
        assertThat(code).as(cli.err()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(cli.out());
        assertThat(j.get("levels")).hasSize(2);
        assertThat(j.get("levels")
                        .get(0)
                        .get("model")
                        .get("throughput_per_s")
                        .get("mean")
                        .asDouble())
                .isPositive();
        assertThat(j.get("levels")
                        .get(0)
                        .get("database")
                        .get("throughput_per_s")
                        .asDouble())
                .isPositive();
        assertThat(j.get("verdict").size()).isPositive();
        assertThat(j.get("repeats").asInt()).isEqualTo(2);
        assertThat(j.get("outcome").asString()).isIn("agrees", "disagrees", "undecided");
        JsonNode first = j.get("levels").get(0);
        assertThat(first.get("database_repeats")).hasSize(2);
        assertThat(first.get("judgement").asString()).isIn("met", "missed", "undecided");
        JsonNode range = first.get("database_spread").get("throughput_per_s");
        double mean = first.get("database").get("throughput_per_s").asDouble();
        assertThat(range.get("min").asDouble()).isLessThanOrEqualTo(mean);
        assertThat(range.get("max").asDouble()).isGreaterThanOrEqualTo(mean);
        assertThat(v.resolve("validate.png")).isNotEmptyFile();
    }

    @Test
    void validateRefusesFewerThanOneRepeat() throws Exception {
        Path o = dir.resolve("cal");
        assertThat(run(
                        "calibrate",
                        "--workload",
                        "uniform",
                        "--clients",
                        "1",
                        "--step",
                        "200ms",
                        "-q",
                        "--out",
                        o.toString()))
                .as(cli.err())
                .isZero();
        int code = run("validate", o.resolve("calibrate-scenario.yaml").toString(), "--repeat", "0");
        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("--repeat: expected a whole number of at least 1, got 0");
    }

    @Test
    void openLoopMeasuresAtTheGivenRate() throws Exception {
        int code = run(
                "calibrate",
                "--workload",
                "hotset",
                "--mode",
                "open",
                "--rate",
                "200",
                "--clients",
                "2",
                "--step",
                "500ms",
                "--format",
                "json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode step =
                JsonMapper.builder().build().readTree(cli.out()).get("steps").get(0);
        // Poisson at 200/s for 0.5 s: a count of mean 100 and sigma 10, all served by an idle H2; 5 sigma is ±50
        assertThat(step.get("throughput_per_s").asDouble()).isBetween(100.0, 300.0);
    }

    @Test
    void aMissingPasswordVariableIsABadCommandLine() {
        int code = run("calibrate", "--password-env", "MASTERSIM_NO_SUCH_VARIABLE_SET", "--clients", "1");
        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("MASTERSIM_NO_SUCH_VARIABLE_SET is not set");
    }

    @Test
    void badWorkloadIsABadCommandLine() {
        assertThat(run("calibrate", "--workload", "hot")).isEqualTo(2);
        assertThat(cli.err()).contains("expected hot-row, uniform, zipf or hotset");
    }

    @Test
    void validateRefusesAScenarioWithoutACalibrationSection() throws Exception {
        Path p = dir.resolve("plain.yaml");
        Files.writeString(p, "version: 1\ntraffic: {rate: 5}\nrequests:\n  - {name: r, share: 100%, reads: 1}\n");
        assertThat(run("validate", p.toString())).isEqualTo(3);
        assertThat(cli.err()).contains("plain.yaml:1:1: calibration: expected the section calibrate writes");
    }
}
