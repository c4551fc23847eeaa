package dev.mastersim.engine;

import java.util.LinkedList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * Events per second of an M/M/1 queue (λ = 0.9, μ = 1, FIFO; each departure adds its time in
 * system to a sum) in three implementations:
 *
 * <ul>
 *   <li>{@code mastersim}: {@link Simulation} with one {@link EventHandler}, int event types,
 *       arrival times in a primitive ring buffer, exponential {@link Samplers} on {@link
 *       RandomStreams};
 *   <li>{@code ssj}: SSJ 3.3.2, written as its {@code QueueEv} example: a {@link Simulator} with its
 *       default event list (a splay tree), a new {@code Arrival}/{@code Departure} {@link Event} per event, a
 *       {@code Customer} object per arrival in {@link LinkedList}s, {@link MRG32k3a} with {@link
 *       ExponentialGen};
 *   <li>{@code baseline}: the ceiling: the same model and samplers as {@code mastersim} in a loop
 *       over two pending event times (next arrival, next departure) with no event list at all.
 * </ul>
 *
 * <p>The queue runs on across invocations (it is stable at ρ = 0.9), so after warm-up every
 * invocation measures the steady state; each invocation handles {@value #EVENTS} events.
 *
 * <p>Run (see {@code benchmarks/README.md}):
 *
 * <pre>
 * benchmarks/run EventLoopBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 *
 * <p>which is:
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main \
 *     EventLoopBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventLoopBenchmark {
    static final int EVENTS = 1 << 16;
    static final double LAMBDA = 0.9;
    static final double MU = 1.0;

    @Param({"mastersim", "ssj", "baseline"})
    String engine;

    private Loop loop;

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.of(engine, 1);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double events() {
        return loop.run(EVENTS);
    }

    /** One implementation of the queue; {@link #run} handles a number of events and returns the sum of times in system. */
    abstract static class Loop {
        long departures;
        double totalTimeInSystem;

        abstract double run(int events);

        static Loop of(String engine, long seed) {
            return switch (engine) {
                case "mastersim" -> new Mastersim(new RandomStreams(seed, 0));
                case "ssj" -> new Ssj();
                case "baseline" -> new Baseline(new RandomStreams(seed, 0));
                default -> throw new IllegalArgumentException("unknown engine: " + engine);
            };
        }
    }

    /** Arrival times waiting or in service, oldest first, in a power-of-two ring that doubles when full. */
    static final class TimeFifo {
        private double[] times = new double[1024];
        private int head;
        private int size;

        int size() {
            return size;
        }

        void add(double t) {
            if (size == times.length) {
                grow();
            }
            times[(head + size++) & (times.length - 1)] = t;
        }

        double poll() {
            double t = times[head];
            head = (head + 1) & (times.length - 1);
            size--;
            return t;
        }

        private void grow() {
            double[] bigger = new double[times.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = times[(head + i) & (times.length - 1)];
            }
            times = bigger;
            head = 0;
        }
    }

    /** The queue on mastersim's executive. */
    static final class Mastersim extends Loop implements EventHandler {
        private static final int ARRIVAL = 0;
        private static final int DEPARTURE = 1;

        private final Simulation sim = new Simulation();
        private final DoubleSampler interarrival;
        private final DoubleSampler service;
        private final TimeFifo inSystem = new TimeFifo();

        Mastersim(RandomStreams streams) {
            interarrival = Samplers.exponential(streams.stream(0), 1 / LAMBDA);
            service = Samplers.exponential(streams.stream(1), 1 / MU);
            sim.schedule(interarrival.sample(), this, ARRIVAL, 0);
        }

        @Override
        double run(int events) {
            for (int i = 0; i < events; i++) {
                sim.step();
            }
            return totalTimeInSystem;
        }

        @Override
        public void handle(int type, long arg) {
            if (type == ARRIVAL) {
                arrive();
            } else {
                depart();
            }
        }

        private void arrive() {
            // next arrival; start service if the server was idle
            double now = sim.now();
            sim.schedule(interarrival.sample(), this, ARRIVAL, 0);
            inSystem.add(now);
            if (inSystem.size() == 1) {
                sim.schedule(service.sample(), this, DEPARTURE, 0);
            }
        }

        private void depart() {
            // the oldest leaves; the next one starts service
            departures++;
            totalTimeInSystem += sim.now() - inSystem.poll();
            if (inSystem.size() > 0) {
                sim.schedule(service.sample(), this, DEPARTURE, 0);
            }
        }
    }

    /** The queue written as SSJ's QueueEv example writes it. */
    static final class Ssj extends Loop {
        private final Simulator sim = new Simulator();
        private final RandomVariateGen genArr = new ExponentialGen(new MRG32k3a(), LAMBDA);
        private final RandomVariateGen genServ = new ExponentialGen(new MRG32k3a(), MU);
        private final LinkedList<Customer> waitList = new LinkedList<>();
        private final LinkedList<Customer> servList = new LinkedList<>();
        private int remaining;

        private static final class Customer {
            double arrivTime;
            double servTime;
        }

        Ssj() {
            sim.init();
            new Arrival().schedule(genArr.nextDouble());
        }

        @Override
        double run(int events) {
            remaining = events;
            sim.start();
            return totalTimeInSystem;
        }

        /** Counts one handled event and stops the simulator after the last of this invocation. */
        private void handled() {
            if (--remaining == 0) {
                sim.stop();
            }
        }

        private final class Arrival extends Event {
            Arrival() {
                super(Ssj.this.sim);
            }

            @Override
            public void actions() {
                new Arrival().schedule(genArr.nextDouble());
                Customer cust = new Customer();
                cust.arrivTime = sim.time();
                cust.servTime = genServ.nextDouble();
                if (servList.size() > 0) {
                    waitList.addLast(cust);
                } else {
                    servList.addLast(cust);
                    new Departure().schedule(cust.servTime);
                }
                handled();
            }
        }

        private final class Departure extends Event {
            Departure() {
                super(Ssj.this.sim);
            }

            @Override
            public void actions() {
                Customer done = servList.removeFirst();
                departures++;
                totalTimeInSystem += sim.time() - done.arrivTime;
                if (waitList.size() > 0) {
                    Customer cust = waitList.removeFirst();
                    servList.addLast(cust);
                    new Departure().schedule(cust.servTime);
                }
                handled();
            }
        }
    }

    /** The ceiling: two pending event times compared directly, no event list. */
    static final class Baseline extends Loop {
        private final DoubleSampler interarrival;
        private final DoubleSampler service;
        private final TimeFifo inSystem = new TimeFifo();
        private double nextArrival;
        private double nextDeparture = Double.POSITIVE_INFINITY;

        Baseline(RandomStreams streams) {
            interarrival = Samplers.exponential(streams.stream(0), 1 / LAMBDA);
            service = Samplers.exponential(streams.stream(1), 1 / MU);
            nextArrival = interarrival.sample();
        }

        @Override
        double run(int events) {
            for (int i = 0; i < events; i++) {
                if (nextArrival <= nextDeparture) {
                    arrive();
                } else {
                    depart();
                }
            }
            return totalTimeInSystem;
        }

        private void arrive() {
            double now = nextArrival;
            nextArrival = now + interarrival.sample();
            inSystem.add(now);
            if (inSystem.size() == 1) {
                nextDeparture = now + service.sample();
            }
        }

        private void depart() {
            double now = nextDeparture;
            departures++;
            totalTimeInSystem += now - inSystem.poll();
            nextDeparture = inSystem.size() > 0 ? now + service.sample() : Double.POSITIVE_INFINITY;
        }
    }
}
