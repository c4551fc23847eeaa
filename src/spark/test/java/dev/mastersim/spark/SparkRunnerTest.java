package dev.mastersim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.cli.Mastersim;
import dev.mastersim.experiment.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A command run on Spark in local mode (two executor threads, each unit serialized to a task and its
 * summary back) prints the same JSON as the same command run on the local thread pool, byte for byte:
 * a forecast (a search over months, one Spark job per month it visits), a comparison (a search per
 * arm, two scenarios), a capacity search (over rates) and a sweep (one scenario per point).
 */
final class SparkRunnerTest {
    /** Small enough for a test: saturates around month 8 of 12 on two replications of 5 s each. */
    private static final String SCENARIO =
            """
            version: 1
            name: spark-small
            traffic: {rate: 200, growth: {start: 2026-01, monthly: 40%}}
            tables: {items: {rows: 1000}}
            requests:
              - {name: look, share: 70%, reads: 1}
              - {name: put, share: 30%, write: {table: items, locks: 2, cpu_per_lock: 300us}}
            master: {cores: 2, flush: 2ms}
            replicas: {count: 1, cores: 2}
            run: {duration: 5s, warmup: 1s, replications: 2}
            forecast: {months: 12}
            options:
              two-replicas: {replicas.count: 2}
            """;

    private static JavaSparkContext spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName("SparkRunnerTest")
                .set("spark.ui.enabled", "false"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void aForecastOnSparkPrintsTheLocalJson() throws IOException {
        assertSameJson("forecast");
    }

    @Test
    void aComparisonOnSparkPrintsTheLocalJson() throws IOException {
        assertSameJson("compare");
    }

    @Test
    void aCapacitySearchOnSparkPrintsTheLocalJson() throws IOException {
        assertSameJson("capacity");
    }

    @Test
    void aSweepOnSparkPrintsTheLocalJson() throws IOException {
        assertSameJson("sweep", "--param", "master.cores", "--values", "1,2");
    }

    private static void assertSameJson(String command, String... options) throws IOException {
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, SCENARIO);
        String[] args = Stream.concat(
                        Stream.of(command, file.toString(), "--format", "json", "--quiet", "--threads", "2"),
                        Stream.of(options))
                .toArray(String[]::new);
        assertThat(Units.runner()).isSameAs(Units.LOCAL);
        String local = run(args, false);
        long jobs = spark.sc().statusTracker().getJobIdsForGroup(null).length;
        String onSpark = run(args, true);
        assertThat(spark.sc().statusTracker().getJobIdsForGroup(null).length)
                .as("Spark jobs run by %s", command)
                .isGreaterThan((int) jobs);
        assertThat(Units.runner()).isSameAs(Units.LOCAL);
        assertThat(local).startsWith("{").contains("_per_s\"", "\"bottleneck\"");
        assertThat(onSpark).isEqualTo(local);
    }

    /** What {@code args} prints on standard output, run locally or on Spark; fails on a non-zero exit. */
    private static String run(String[] args, boolean onSpark) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = onSpark ? SparkMain.run(spark, args, cl) : cl.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
