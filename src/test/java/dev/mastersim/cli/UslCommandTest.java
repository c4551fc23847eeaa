package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mastersim usl} end to end on the published datasets in src/test/resources. */
final class UslCommandTest {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String dataset(String name) throws Exception {
        return Path.of(UslCommandTest.class
                        .getResource("/dev/mastersim/analytic/" + name)
                        .toURI())
                .toString();
    }

    private JsonNode json(String name) throws Exception {
        assertThat(run("usl", dataset(name), "--format", "json")).isZero();
        return JsonMapper.builder().build().readTree(cli.out());
    }

    @Test
    void specSdm91GivesRPackageUslsPeakAndLimit() throws Exception {
        JsonNode j = json("specsdm91.csv");
        // R usl: sigma 2.773e-02, kappa 1.044e-04 (4 digits), peak.scalability 97 (2 digits),
        // limit.scalability "about 3245" (its help page: the whole part, so within [3245, 3246))
        assertThat(j.get("sigma").asDouble()).isCloseTo(2.773e-2, within(0.0005e-2));
        assertThat(j.get("kappa").asDouble()).isCloseTo(1.044e-4, within(0.0005e-4));
        assertThat(j.get("n_peak").asDouble()).isCloseTo(97.0, within(0.5));
        assertThat(j.get("asymptote").asDouble()).isGreaterThanOrEqualTo(3245.0).isLessThan(3246.0);
        assertThat(j.get("x_peak").asDouble()).isLessThan(j.get("asymptote").asDouble());
        assertThat(j.get("extrapolated").asBoolean()).isFalse(); // measured to N = 216, past the peak
        assertThat(j.get("ci95").get("sigma")).hasSize(2);
        assertThat(j.get("r2").asDouble()).isCloseTo(0.9896, within(5e-5));
    }

    @Test
    void ciscoPeakLiesPastTheDataAndIsCalledAnExtrapolation() throws Exception {
        JsonNode j = json("cisco.csv");
        assertThat(j.get("n_peak").asDouble()).isGreaterThan(32.0); // the data stop at N = 32
        assertThat(j.get("extrapolated").asBoolean()).isTrue();
        cli.clear();
        assertThat(run("usl", dataset("cisco.csv"))).isZero();
        assertThat(cli.out())
                .contains("Peak:")
                .contains("Limit:")
                .contains("Extrapolated: the measurements stop at N = 32");
    }

    @Test
    void raytracerHasNoPeakAndSaysSo() throws Exception {
        JsonNode j = json("raytracer.csv");
        assertThat(j.get("kappa").asDouble()).isCloseTo(0.0, within(0.00005));
        assertThat(j.get("n_peak").isNull()).isTrue();
        assertThat(j.get("x_peak").isNull()).isTrue();
        assertThat(j.get("extrapolated").asBoolean()).isFalse();
        assertThat(j.get("asymptote").asDouble())
                .isCloseTo(j.get("lambda").asDouble() / j.get("sigma").asDouble(), within(1e-9));
    }

    @Test
    void outWritesTableJsonCsvAndChart() throws Exception {
        Path o = dir.resolve("o");
        assertThat(run("usl", dataset("specsdm91.csv"), "--out", o.toString())).isZero();
        for (String f : new String[] {"usl.txt", "usl.json", "usl.csv", "usl.png", "usl.svg"}) {
            assertThat(o.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(o.resolve("usl.csv"))).startsWith("n,x,x_fitted");
    }

    @Test
    void badDataGivesOneLinePerProblemAndExitThree() throws Exception {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "n,x\n1,10\n2,abc\n3\n-4,30\n");
        assertThat(run("usl", p.toString())).isEqualTo(3);
        String[] lines = cli.err().strip().split("\\R");
        assertThat(lines)
                .containsExactly(
                        p + ":3:3: X: expected a number > 0, got \"abc\"",
                        p + ":4:1: line: expected two comma-separated columns N,X, got 1",
                        p + ":5:1: N: expected a number > 0, got \"-4\"");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void tooFewPointsIsRefused() throws Exception {
        Path p = dir.resolve("few.csv");
        Files.writeString(p, "# three points\n1,10\n2,19\n4,30\n");
        assertThat(run("usl", p.toString())).isEqualTo(3);
        assertThat(cli.err()).contains("expected at least 4 points").doesNotContain("Exception");
    }
}
