package dev.mastersim.model.topology;

import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.ScenarioLoader;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link ModelBenchmark}'s model built twice in one JVM, from two builds of the code (two class
 * loaders), advanced in alternating rounds; each round's thread CPU time per committed transaction is
 * paired with the other build's next to it. On a shared machine, where JMH's wall-clock throughput
 * follows the other processes, the median of the paired ratios is the steadier comparison.
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.mastersim.model.topology.ModelCpuPairs \
 *     target/cp.txt BEFORE/classes target/classes 6 80
 * </pre>
 *
 * BEFORE/classes is {@code target/classes} of a build of the other commit; the last two arguments are
 * the locks per transaction and the rounds (each 10 advances of 0.1 simulated seconds, after 30 rounds
 * of 20 of warm-up each).
 */
public final class ModelCpuPairs {
    /** One model, advanced by hand; loaded once per build. */
    public static final class Rounds {
        private final DeploymentModel model;
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private double now = 1;

        public Rounds(int locks) throws Exception {
            String yaml = ModelBenchmark.SCENARIO.replace("LOCKS", Integer.toString(locks));
            model = new DeploymentModel(
                    ScenarioLoader.parse(yaml, "bench.yaml", List.of()),
                    new Load(20000, false, 0, 1e9, 100_000),
                    new RandomStreams(42, 0));
            model.start();
            model.simulation().runUntil(now);
        }

        /** Advances {@code steps} × 0.1 s: thread CPU ns per committed transaction, and events per transaction. */
        public double[] round(int steps) {
            long commits = model.commits();
            long events = model.simulation().eventsProcessed();
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                now += 0.1;
                model.simulation().runUntil(now);
            }
            long t1 = mx.getCurrentThreadCpuTime();
            double c = model.commits() - commits;
            return new double[] {(t1 - t0) / c, (model.simulation().eventsProcessed() - events) / c};
        }
    }

    private ModelCpuPairs() {}

    public static void main(String[] args) throws Exception {
        int locks = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        List<URL> deps = new ArrayList<>();
        for (String p : Files.readString(Path.of(args[0])).trim().split(File.pathSeparator)) {
            deps.add(new File(p).toURI().toURL());
        }
        ClassLoader parent = new URLClassLoader(deps.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        URL self = ModelCpuPairs.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] model = new Object[2];
        Method[] round = new Method[2];
        for (int b = 0; b < 2; b++) {
            // the build's classes first, then this class's directory for Rounds (and ModelBenchmark)
            URL[] urls = {new File(args[1 + b]).toURI().toURL(), self};
            Class<?> c = Class.forName(Rounds.class.getName(), true, new URLClassLoader(urls, parent));
            model[b] = c.getConstructor(int.class).newInstance(locks);
            round[b] = c.getMethod("round", int.class);
        }
        for (int w = 0; w < 30; w++) {
            for (int b = 0; b < 2; b++) {
                round[b].invoke(model[b], 20);
            }
        }
        double[][] ns = new double[2][rounds];
        double[] events = new double[2];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2; // who goes first alternates
                double[] x = (double[]) round[b].invoke(model[b], 10);
                ns[b][r] = x[0];
                events[b] = x[1];
            }
            ratio[r] = ns[0][r] / ns[1][r];
        }
        for (double[] x : ns) {
            Arrays.sort(x);
        }
        Arrays.sort(ratio);
        System.out.printf(
                "before %.0f ns/txn, after %.0f ns/txn (medians of %d rounds); before/after: median %.3f,"
                        + " quartiles %.3f-%.3f; events/txn %.3f and %.3f%n",
                ns[0][rounds / 2],
                ns[1][rounds / 2],
                rounds,
                ratio[rounds / 2],
                ratio[rounds / 4],
                ratio[3 * rounds / 4],
                events[0],
                events[1]);
    }
}
