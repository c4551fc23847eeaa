package dev.mastersim.spark;

import dev.mastersim.cli.Mastersim;
import dev.mastersim.experiment.Units;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;

/**
 * mastersim's commands with their replications run on Apache Spark:
 *
 * <pre>
 * spark-submit --class dev.mastersim.spark.SparkMain target/mastersim-spark.jar forecast SCENARIO [options]
 * </pre>
 *
 * The arguments are those of {@code mastersim} ({@code forecast}, {@code compare}, {@code sweep},
 * {@code capacity}, {@code run}), and the outputs are the ones the local command writes, byte for
 * byte: the command runs on the driver as it does locally, and only the replications of each step
 * ({@link Units.Runner}) run on the executors. Without {@code spark-submit}, {@code --master URL} as
 * the first arguments sets the master ({@code local[2]} for two threads in this JVM); with neither,
 * the master is {@code local[*]}. After the command, one line on standard error says what the
 * round trips cost ({@link JobTally}). A day's run ({@code run --day}) stays in the driver's threads.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code args} (optionally led by {@code --master URL}) on a Spark context of its own; the exit code. */
    static int run(String[] args) {
        SparkConf conf = new SparkConf().setAppName("mastersim " + String.join(" ", args));
        String[] rest = args;
        if (args.length >= 2 && args[0].equals("--master")) {
            conf.setMaster(args[1]);
            rest = Arrays.copyOfRange(args, 2, args.length);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            JobTally tally = new JobTally();
            spark.sc().addSparkListener(tally);
            int code = run(spark, rest, Mastersim.commandLine());
            System.err.println(tally.summary());
            return code;
        }
    }

    /** Runs {@code args} with {@code commandLine} (whose output streams the caller may set) on {@code spark}. */
    static int run(JavaSparkContext spark, String[] args, CommandLine commandLine) {
        Units.Runner local = Units.install(new SparkRunner(spark));
        try {
            return commandLine.execute(args);
        } finally {
            Units.install(local);
        }
    }
}
