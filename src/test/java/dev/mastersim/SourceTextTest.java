package dev.mastersim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed sources are plain text: no NUL or other control characters a tool may choke on. */
final class SourceTextTest {

    @Test
    void noSourceFileContainsControlCharacters() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.of(Path.of("src/main"), Path.of("src/test/java"), Path.of("benchmarks/src"))
                .filter(Files::isDirectory)
                .flatMap(SourceTextTest::walk)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(files).isNotEmpty().allSatisfy(p -> assertThat(controlCharacterIn(Files.readAllBytes(p)))
                .as("%s", p)
                .isEqualTo(-1));
    }

    /** The offset of the first byte below 0x20 other than tab, LF and CR, or -1. */
    private static int controlCharacterIn(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
