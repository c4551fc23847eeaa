package dev.mastersim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, read from the sources: data flows one way and no layer reaches up.
 *
 * <p>Every {@code import} (static ones included) and every fully qualified {@code dev.mastersim.}
 * name in a main source file (the Spark adapter's included) is an arrow from the file's layer to
 * the named one. A layer is a top-level package, except that {@code experiment.result} (the plain
 * records that reporters see) is a layer of its own. Each arrow must be one that {@link #ALLOWED}
 * lists. Besides the arrows, the few things that only one layer may touch: JDBC, connection pools
 * and wall-clock time only in {@code calibrate}; threads only in {@code experiment}, {@code
 * calibrate} and {@code cli} (a simulation run is single-threaded); files only where reading
 * scenarios or writing results is the job.
 */
final class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/mastersim");

    /** The Spark adapter's sources (built in the profile spark), held to the same layering. */
    private static final Path SPARK = Path.of("src/spark/java/dev/mastersim");

    /** Layer → the layers it may import (itself always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "engine", Set.of(),
            "analytic", Set.of(),
            "scenario", Set.of(),
            "model", Set.of("engine", "scenario"),
            "experiment.result", Set.of(),
            "experiment", Set.of("experiment.result", "model", "engine", "analytic", "scenario"),
            "report", Set.of("experiment.result"),
            "calibrate", Set.of("experiment", "experiment.result", "scenario", "analytic"),
            "cli", Set.of("experiment", "experiment.result", "scenario", "report", "calibrate"),
            // the adapter runs the CLI's own commands, so that its outputs are the local ones
            "spark", Set.of("experiment", "experiment.result", "scenario", "report", "cli"));

    /** The scenario classes that read files or text; the model may use only the immutable records. */
    private static final Set<String> SCENARIO_LOADING =
            Set.of("ScenarioLoader", "YamlTree", "Binder", "Overrides", "SchemaCheck", "Semantics", "Problem");

    /** A restricted capability: the pattern that shows its use, and the layers allowed to use it. */
    private record Capability(String what, Pattern use, Set<String> layers) {}

    private static final List<Capability> CAPABILITIES = List.of(
            new Capability(
                    "JDBC or a connection pool",
                    Pattern.compile("\\b(java\\.sql|javax\\.sql|com\\.zaxxer|org\\.h2|org\\.postgresql)\\."),
                    Set.of("calibrate")),
            new Capability(
                    "wall-clock time",
                    Pattern.compile("System\\.(nanoTime|currentTimeMillis)\\(|Instant\\.now\\(|java\\.time\\.Clock\\b"),
                    Set.of("calibrate")),
            new Capability(
                    "threads or executors",
                    Pattern.compile("java\\.util\\.concurrent\\.(Executor|Executors|ExecutorService|Future|"
                            + "CompletableFuture|ForkJoinPool|ThreadPoolExecutor)\\b|new Thread\\("),
                    Set.of("experiment", "calibrate", "cli", "spark")),
            new Capability(
                    "files",
                    Pattern.compile("\\bjava\\.nio\\.file\\.|\\bjava\\.io\\.(File|FileInputStream|FileOutputStream|"
                            + "FileReader|FileWriter|RandomAccessFile)\\b"),
                    Set.of("scenario", "report", "calibrate", "cli", "spark")));

    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.mastersim\\.([a-z.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.mastersim\\.([a-z][a-z0-9.]*?)\\.([A-Z]\\w*)");

    @Test
    void noLayerImportsOneItMayNotSee() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String text = read(file);
            String layer = layerOf(packageOf(file, text));
            Set<String> allowed = ALLOWED.get(layer);
            assertThat(allowed).as("a layer for %s", file).isNotNull();
            Matcher m = REFERENCE.matcher(withoutComments(text));
            while (m.find()) {
                String target = layerOf(m.group(1));
                if (target.equals(layer)) {
                    continue;
                }
                if (!allowed.contains(target)) {
                    violations.add(file + ": " + layer + " -> " + m.group(1) + "." + m.group(2));
                } else if (layer.equals("model")
                        && target.equals("scenario")
                        && SCENARIO_LOADING.contains(m.group(2))) {
                    violations.add(file + ": the model reads no files, yet it uses scenario." + m.group(2));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void jdbcWallClockThreadsAndFilesStayInTheirLayers() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String text = withoutComments(read(file));
            String layer = layerOf(packageOf(file, text));
            for (Capability c : CAPABILITIES) {
                if (!c.layers().contains(layer) && c.use().matcher(text).find()) {
                    violations.add(file + ": " + layer + " uses " + c.what());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuleCatchesAnArrowUpwards() {
        String text = "package dev.mastersim.report;\nimport dev.mastersim.engine.Estimate;\n";
        Matcher m = REFERENCE.matcher(text);
        assertThat(m.find()).isTrue();
        assertThat(ALLOWED.get(layerOf("report"))).doesNotContain(layerOf(m.group(1)));
        assertThat(layerOf("experiment.result")).isEqualTo("experiment.result");
        assertThat(layerOf("experiment.verdict")).isEqualTo("experiment");
        assertThat(layerOf("model.lock")).isEqualTo("model");
        assertThat(withoutComments("a /* dev.mastersim.cli.Main */ b // dev.mastersim.cli.Main\nc"))
                .doesNotContain("dev.mastersim");
    }

    /** A package's layer: its first segment, or {@code experiment.result} for the result records. */
    private static String layerOf(String pkg) {
        if (pkg.equals("experiment.result") || pkg.startsWith("experiment.result.")) {
            return "experiment.result";
        }
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    private static String packageOf(Path file, String text) {
        Matcher m = PACKAGE.matcher(text);
        assertThat(m.find())
                .as("a dev.mastersim package declaration in %s", file)
                .isTrue();
        return m.group(1);
    }

    /** The source without comments, so that prose naming a class is not an arrow. */
    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    private static List<Path> sources() {
        try (Stream<Path> main = Files.walk(MAIN);
                Stream<Path> spark = Files.isDirectory(SPARK) ? Files.walk(SPARK) : Stream.empty()) {
            List<Path> list = Stream.concat(main, spark)
                    .filter(p -> p.toString().endsWith(".java"))
                    .sorted()
                    .toList();
            assertThat(list).hasSizeGreaterThan(50);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
