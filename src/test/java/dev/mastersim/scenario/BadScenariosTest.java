package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad scenarios under {@code src/test/resources/bad-scenarios}: each {@code NN-name.yaml} must
 * fail with exactly the lines of its {@code NN-name.expected}; an optional {@code NN-name.set} holds
 * {@code --set} arguments, one a line.
 */
final class BadScenariosTest {

    private static final Path CORPUS = Path.of("src/test/resources/bad-scenarios");

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badScenarioFailsWithExactlyTheExpectedProblems(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve(name + ".yaml"));
        Path setFile = CORPUS.resolve(name + ".set");
        List<String> sets = Files.exists(setFile) ? Files.readAllLines(setFile, StandardCharsets.UTF_8) : List.of();
        List<String> expected = Files.readAllLines(CORPUS.resolve(name + ".expected"), StandardCharsets.UTF_8);

        ScenarioException e = catchThrowableOfType(
                ScenarioException.class, () -> ScenarioLoader.fromBytes(bytes, name + ".yaml", sets));

        assertThat(e).as("%s must be rejected", name).isNotNull();
        assertThat(e.problems()).map(Problem::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void corpusHasAtLeast25CasesEachWithExpectedLines() throws IOException {
        List<String> names = corpus().toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(25);
        assertThat(names)
                .allSatisfy(n -> assertThat(CORPUS.resolve(n + ".expected")).exists());
    }

    @Test
    void committedCorpusFilesAreSmall() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.toList()).allSatisfy(p -> assertThat(Files.size(p)).isLessThanOrEqualTo(1024));
        }
    }

    @Test
    void fiftyMegabyteFileIsRejectedQuicklyWithOneProblem(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        byte[] line = "# padding padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("version: 1\n".getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < 50L << 20; written += line.length) {
                out.write(line);
            }
        }

        ScenarioException e = assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(big, List.of())));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith(big + ":1:1: (file): expected a scenario file of at most 1 MB, got ");
            assertThat(p.expected()).endsWith(Files.size(big) + " bytes");
        });
    }

    @Test
    void deeplyNestedYamlIsRejectedWithOneProblem() {
        // column 48 is the 39th '[': the last token read before the 40th level is refused
        String text = "version: 1\ntraffic: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(text, "deep.yaml", List.of()));

        assertThat(e.problems())
                .map(Problem::toString)
                .containsExactly("deep.yaml:2:48: traffic: expected at most " + YamlTree.MAX_DEPTH
                        + " levels of nesting (or a shorter value)");
    }

    @Test
    void deeplyNestedMapsAreRejectedWithOneProblem() {
        StringBuilder sb = new StringBuilder("version: 1\ntraffic:\n");
        for (int i = 1; i < 200; i++) {
            sb.append(" ".repeat(i)).append("k:\n");
        }

        ScenarioException e = catchThrowableOfType(
                ScenarioException.class, () -> ScenarioLoader.parse(sb.toString(), "deep.yaml", List.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.expected())
                .isEqualTo("expected at most " + YamlTree.MAX_DEPTH + " levels of nesting (or a shorter value)"));
    }

    @Test
    void textLongerThanOneMegabyteIsRejectedByParse() {
        String text = "version: 1\n" + "#".repeat(ScenarioLoader.MAX_BYTES);

        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(text, "long.yaml", List.of()));

        assertThat(e.problems())
                .map(Problem::toString)
                .containsExactly("long.yaml:1:1: (file): expected a scenario file of at most 1 MB, got " + text.length()
                        + " characters");
    }

    @Test
    void missingFileIsOneProblem(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(missing, List.of()));

        assertThat(e.problems())
                .map(Problem::toString)
                .containsExactly(
                        missing + ":1:1: (file): expected a readable scenario file, but there is no such file");
    }
}
