package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped story scenario, re-run in a short mode through the command line: its {@code forecast}
 * and {@code compare} JSON must come out byte for byte as committed under {@code
 * src/test/resources/stories/}. The stories are every {@code scenarios/*.yaml} except {@code
 * reference.yaml} and the {@code ordering-*.yaml} sweeps (which {@code ExamplesTest} and {@code
 * OrderingExamplesTest} check), so a new story file is picked up as soon as it is added; without its
 * committed JSON it fails, saying how to write it. The short mode ({@link #SHORT}: two replications of
 * 5 s after 2 s of warm-up) checks that a story still runs and still says the same thing, in a few
 * seconds; the full results in {@code results/<scenario>/} come from {@code results/regenerate}.
 *
 * <p>Rewrite the committed JSON with {@code ./mvnw -B -q test -Dtest=StoriesTest
 * -Dmastersim.stories.write=true} (the test then writes the files and passes; run it again without the
 * property to check), in a commit that says why the stories' figures moved.
 */
@ExperimentScale
final class StoriesTest {
    static final Path SCENARIOS = Path.of("scenarios");
    static final Path DIR = Path.of("src/test/resources/stories");
    static final List<String> SHORT =
            List.of("--set", "run.duration=5s", "--set", "run.warmup=2s", "--set", "run.replications=2");
    private static final String WRITE = "mastersim.stories.write";

    /** The story scenarios: every file in scenarios/ but the reference and the ordering sweeps. */
    static Stream<String> stories() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !f.equals("reference.yaml") && !f.startsWith("ordering-"))
                    .sorted()
                    .forEach(f -> names.add(f.substring(0, f.length() - ".yaml".length())));
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("stories")
    void aStorysShortForecastIsAsCommitted(String story) throws Exception {
        check(story, "forecast");
    }

    @ParameterizedTest
    @MethodSource("stories")
    void aStorysShortComparisonIsAsCommitted(String story) throws Exception {
        check(story, "compare");
    }

    private static void check(String story, String command) throws Exception {
        Path expected = DIR.resolve(story + "." + command + ".json");
        boolean write = Boolean.getBoolean(WRITE);
        assertThat(write || Files.exists(expected))
                .as(
                        "%s has no committed short-mode %s JSON (%s): write it with ./mvnw -B -q test -Dtest=StoriesTest -D%s=true",
                        story, command, expected, WRITE)
                .isTrue();
        List<String> args = new ArrayList<>(
                List.of(command, SCENARIOS.resolve(story + ".yaml").toString(), "--format", "json"));
        args.addAll(SHORT);
        String json = json(args);
        if (write) {
            Files.createDirectories(DIR);
            Files.writeString(expected, json);
        }
        assertThat(json)
                .as(
                        "%s's short %s against %s (rewrite with ./mvnw -B -q test -Dtest=StoriesTest -D%s=true)",
                        story, command, expected, WRITE)
                .isEqualTo(Files.readString(expected));
    }

    private static String json(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        assertThat(code).as("%s: %s", args, err).isZero();
        return out.toString();
    }
}
