package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
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
        assertThat(code).as(err.toString()).isZero();
        JsonNode c = JsonMapper.builder().build().readTree(out.toString());
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
        out.getBuffer().setLength(0);
        assertThat(run(
                        "run",
                        o.resolve("calibrate-scenario.yaml").toString(),
                        "--replications",
                        "2",
                        "--format",
                        "json"))
                .as(err.toString())
                .isZero();
        out.getBuffer().setLength(0);
        Path v = dir.resolve("val");
        code = run(
                "validate",
                o.resolve("calibrate-scenario.yaml").toString(),
                "--step",
                "300ms",
                "--replications",
                "2",
                "--format",
                "json",
                "--out",
                v.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
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
        assertThat(v.resolve("validate.png")).isNotEmptyFile();
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
        assertThat(code).as(err.toString()).isZero();
        JsonNode step = JsonMapper.builder()
                .build()
                .readTree(out.toString())
                .get("steps")
                .get(0);
        // Poisson at 200/s for 0.5 s: a count of mean 100 and sigma 10, all served by an idle H2; 5 sigma is ±50
        assertThat(step.get("throughput_per_s").asDouble()).isBetween(100.0, 300.0);
    }

    @Test
    void aMissingPasswordVariableIsABadCommandLine() {
        int code = run("calibrate", "--password-env", "MASTERSIM_NO_SUCH_VARIABLE_SET", "--clients", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("MASTERSIM_NO_SUCH_VARIABLE_SET is not set");
    }

    @Test
    void badWorkloadIsABadCommandLine() {
        assertThat(run("calibrate", "--workload", "hot")).isEqualTo(2);
        assertThat(err.toString()).contains("expected hot-row, uniform, zipf or hotset");
    }

    @Test
    void validateRefusesAScenarioWithoutACalibrationSection() throws Exception {
        Path p = dir.resolve("plain.yaml");
        Files.writeString(p, "version: 1\ntraffic: {rate: 5}\nrequests:\n  - {name: r, share: 100%, reads: 1}\n");
        assertThat(run("validate", p.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("plain.yaml:1:1: calibration: expected the section calibrate writes");
    }
}
