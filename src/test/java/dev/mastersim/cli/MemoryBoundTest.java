package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case that ran out of memory under a 256 MB heap: 100,000 users with zero think time, in a child JVM
 * with -Xmx256m. It gives a result: the replications run as many at once as fit. One that cannot fit at all
 * is refused before it runs, with one line and exit code 1; never a stack trace.
 */
final class MemoryBoundTest {
    @TempDir
    Path dir;

    private static final String POPULATION =
            """
            version: 1
            name: population
            traffic: {arrivals: closed, users: %d, think: 0ms}
            tables: {orders: {rows: 1000000}}
            requests:
              - {name: buy, share: 1, reads: 1, write: {table: orders, locks: 2, cpu_per_lock: 200us}}
            run: {duration: 3s, warmup: 1s, replications: 4}
            """;

    private record Outcome(int code, String out, String err) {}

    private Outcome child(String heap, int users, String... args) throws Exception {
        Path scenario = dir.resolve("population.yaml");
        Files.writeString(scenario, POPULATION.formatted(users));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.mastersim.cli.Main",
                "run",
                scenario.toString(),
                "--format",
                "json",
                "--threads",
                "4"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Outcome(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aHundredThousandUsersUnder256MegabytesGiveAResultOrOneLine() throws Exception {
        Outcome o = child("-Xmx256m", 100_000);

        // four threads asked for; the estimate (about 150 MB a replication) lets one run at a time
        assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(o.out());
        assertThat(doc.get("replications").asInt()).isEqualTo(4);
        assertThat(doc.at("/all/throughput_per_s/mean").asDouble()).isPositive();
    }

    @Test
    void aPopulationThatCannotFitIsRefusedBeforeItRunsWithOneLine() throws Exception {
        Outcome o = child("-Xmx128m", 1_000_000);

        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).isEmpty();
        assertThat(o.err().strip())
                .startsWith("mastersim: failed: this scenario needs about ")
                .contains("lower traffic.users")
                .doesNotContain("\n");
    }
}
