package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator's side of {@code benchmarks/README.md}'s "The ordering against the simulator": each
 * strategy's sweep over the pool size on the one-row scenario, re-created here, must match the JSON
 * committed under {@code results/ordering/} byte for byte, so the rankings that section quotes stay the
 * model's. Regenerate with {@code results/ordering/regenerate.sh} when a model change moves them.
 */
@ExperimentScale
final class OrderingExamplesTest {
    @ParameterizedTest
    @CsvSource({"pessimistic, locking, ''", "nowait, no-wait, ''", "optimistic, optimistic, 41.9us"})
    void hotRowSweepMatchesItsCommittedResult(String dir, String concurrency, String cpuPerLock) throws Exception {
        String expected = Files.readString(Path.of("results/ordering/hot-1/" + dir + "/sweep.json"));
        List<String> args = new ArrayList<>(
                List.of("sweep", "scenarios/ordering-h2-hot-1.yaml", "--param", "app.pool.size", "--values", "1,4,16"));
        args.addAll(List.of("--set", "concurrency=" + concurrency, "--format", "json"));
        if (!cpuPerLock.isEmpty()) {
            args.addAll(List.of("--set", "requests.increment.write.cpu_per_lock.mean=" + cpuPerLock));
        }
        StringWriter out = new StringWriter();
        var cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).isEqualTo(expected);
    }
}
