package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped scenarios are executable documentation: their committed results under
 * {@code results/} are re-created here and must match byte for byte (the simulation is
 * deterministic for a seed). Regenerate them with {@code results/regenerate} (see {@code results/README.md}).
 */
@ExperimentScale
final class ExamplesTest {
    private static String json(String... args) {
        StringWriter out = new StringWriter();
        var cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void referenceRunMatchesItsCommittedResult() throws Exception {
        String expected = Files.readString(Path.of("results/reference/run.json"));
        assertThat(json("run", "scenarios/reference.yaml", "--format", "json")).isEqualTo(expected);
    }

    @Test
    void istockForecastMatchesItsCommittedResult() throws Exception {
        String expected = Files.readString(Path.of("results/istock-2007/forecast.json"));
        assertThat(json("forecast", "scenarios/istock-2007.yaml", "--format", "json"))
                .isEqualTo(expected);
    }
}
