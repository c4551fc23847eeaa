package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --out: checked before anything runs, a manifest written last, stale temporary files removed. */
final class OutputFilesTest {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private Path scenario() throws Exception {
        return CommandRunner.scenario(dir, CommandRunner.SMALL);
    }

    @Test
    void anOutFolderUnderARegularFileFailsBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertThat(run(
                        "run",
                        scenario().toString(),
                        "--out",
                        file.resolve("results").toString()))
                .isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("--out " + file.resolve("results")).doesNotContain(".tmp");
    }

    @Test
    void aManifestListsEveryFileOfTheRunWithItsSizeAndChecksum() throws Exception {
        Path results = dir.resolve("results");
        assertThat(run("run", scenario().toString(), "--out", results.toString()))
                .isZero();

        JsonNode manifest =
                JsonMapper.builder().build().readTree(Files.readString(results.resolve("run.manifest.json")));
        assertThat(manifest.get("command").asString()).isEqualTo("run");
        assertThat(manifest.get("files"))
                .extracting(f -> f.get("name").asString())
                .containsExactlyInAnyOrder(
                        "run.json",
                        "run.csv",
                        "run.txt",
                        "run-indices.png",
                        "run-indices.svg",
                        "run-response.png",
                        "run-response.svg",
                        "run.html");
        for (JsonNode f : manifest.get("files")) {
            byte[] bytes = Files.readAllBytes(results.resolve(f.get("name").asString()));
            assertThat(f.get("bytes").asLong()).isEqualTo(bytes.length);
            assertThat(f.get("sha256").asString())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        assertThat(cli.err().strip()).endsWith("wrote " + results.resolve("run.manifest.json"));
    }

    @Test
    void staleTemporaryFilesOfTheSameCommandAreRemovedAndOthersKept() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path stale = Files.writeString(results.resolve(".mastersim-run.run.json.123.tmp"), "half");
        Path otherCommand = Files.writeString(results.resolve(".mastersim-run-day.run-day.json.9.tmp"), "half");
        Path otherFile = Files.writeString(results.resolve("forecast.json"), "{}");

        assertThat(run("run", scenario().toString(), "--out", results.toString()))
                .isZero();

        assertThat(stale).doesNotExist();
        assertThat(otherCommand).exists();
        assertThat(otherFile).hasContent("{}");
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(n -> n.endsWith(".tmp"))
                    .containsExactly(otherCommand.getFileName().toString());
        }
    }
}
