package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases found by trying the loader as a hostile user would, beyond the one-file corpus. */
final class HostileInputTest {
    @TempDir
    Path dir;

    private static final String BASE =
            """
            version: 1
            traffic: {rate: 100}
            requests:
              - {name: browse, share: 1, reads: 2}
            master: {cores: 4, flush: 3ms, max_connections: 50}
            """;

    private static List<String> problems(String text, List<String> sets) {
        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(text, "h.yaml", sets));
        assertThat(e).as("must be rejected").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aSetOfAMapMergesIntoTheFilesMapInsteadOfResettingIt() throws Exception {
        Scenario s = ScenarioLoader.parse(BASE, "h.yaml", List.of("master={cores: 2}"));

        assertThat(s.master().cores()).isEqualTo(2);
        assertThat(s.master().maxConnections()).isEqualTo(50);
        assertThat(s.master().flush().mean()).isEqualTo(0.003);
    }

    @Test
    void anchorsAliasesAndMergeKeysAreExpanded() throws Exception {
        Scenario s = ScenarioLoader.parse(
                """
                version: 1
                traffic: {rate: 100}
                requests:
                  - &browse {name: browse, share: 1, reads: 2}
                replicas: &replicas {count: 2, cores: 4}
                options:
                  base: &base {replicas.count: 3, app.servers: 4}
                  more: {<<: *base, replicas.count: 8}
                """,
                "h.yaml",
                List.of());

        assertThat(s.replicas().count()).isEqualTo(2);
        assertThat(s.options().get("base")).containsEntry("replicas.count", "3");
        assertThat(s.options().get("more")).containsEntry("replicas.count", "8").containsEntry("app.servers", "4");
    }

    @Test
    void anAliasBombIsRefusedAtTheBoundWithoutExpandingIt() {
        StringBuilder sb = new StringBuilder("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            sb.append('a').append(i).append(": &a").append(i).append(" [");
            sb.append(("*a" + (i - 1) + ", ").repeat(10))
                    .append("*a")
                    .append(i - 1)
                    .append("]\n");
        }

        List<String> p = problems(sb.toString(), List.of());

        assertThat(p).singleElement().asString().contains("expected at most " + YamlTree.MAX_VALUES + " values");
    }

    @Test
    void gammaTakesAnyPositiveCv() throws Exception {
        Scenario s = ScenarioLoader.parse(
                BASE.replace("reads: 2}", "reads: 2, read_cost: {dist: gamma, mean: 2ms, cv: 3}}"),
                "h.yaml",
                List.of());

        assertThat(s.requests().get(0).readCost()).isNotNull();
    }

    @Test
    void aDescriptionOverTheLimitNamesIt() {
        List<String> p = problems(BASE + "description: " + "x".repeat(10_001) + "\n", List.of());

        assertThat(p).singleElement().asString().contains("description: expected text of at most 10000 characters");
    }

    @Test
    void aRequestTypeWithShareZeroIsValidButWarned() throws Exception {
        Scenario s = ScenarioLoader.parse(
                BASE.replace("share: 1, reads: 2}", "share: 1, reads: 2}\n  - {name: never, share: 0, reads: 1}"),
                "h.yaml",
                List.of());

        assertThat(ScenarioLoader.warnings(s))
                .containsExactly("h.yaml: requests.never.share is 0, so this request type never occurs");
    }

    @Test
    void aDirectoryAPipeAndStandardInputAreNamedForWhatTheyAre() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        boolean hasFifo = mk.waitFor() == 0;

        assertThat(loadProblem(dir)).endsWith("expected a readable scenario file, but it is a directory");
        assertThat(loadProblem(Path.of("-"))).contains("'-' (standard input) is not read");
        if (hasFifo) {
            assertThat(loadProblem(fifo)).endsWith("it is a device, a pipe or a socket, not a regular file");
        }
        assertThat(loadProblem(dir.resolve("missing.yaml"))).endsWith("there is no such file");
    }

    private static String loadProblem(Path p) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(p, List.of()));
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0).toString();
    }

    @Test
    void aFileThatCannotBeReadSaysWhy() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.yaml"), BASE);
        if (!locked.toFile().setReadable(false) || Files.isReadable(locked)) {
            return; // running as root: every file is readable, nothing to check
        }
        assertThat(loadProblem(locked)).endsWith("reading failed: permission denied");
    }
}
