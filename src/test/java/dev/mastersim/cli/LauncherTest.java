package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./mastersim} launcher builds the tool alone and finds the jar whatever the pom's version; the pom
 * leaves test and benchmark dependencies out of such a build.
 */
final class LauncherTest {
    @Test
    void theLauncherNamesNoVersionAndSkipsTestsWhenItBuilds() throws Exception {
        String launcher = Files.readString(Path.of("mastersim"));
        String pom = Files.readString(Path.of("pom.xml"));
        String version =
                pom.replaceAll("(?s).*?<artifactId>mastersim</artifactId>\\s*<version>([^<]+)</version>.*", "$1");

        assertThat(launcher).doesNotContain(version).contains("mastersim-*-all.jar");
        assertThat(launcher).contains("package -Dmaven.test.skip=true");
    }

    @Test
    void testDependenciesAreDeclaredOnlyWhenTestsAreBuilt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String main = pom.substring(0, pom.indexOf("<profiles>"));
        String profile = pom.substring(pom.indexOf("<id>tests</id>"));

        assertThat(main).doesNotContain("<scope>test</scope>");
        assertThat(profile)
                .contains("<name>!maven.test.skip</name>")
                .contains("jazzer-junit")
                .contains("jmh-core");
    }
}
