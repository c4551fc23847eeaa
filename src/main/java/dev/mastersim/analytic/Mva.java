package dev.mastersim.analytic;

import java.util.Arrays;

/**
 * Exact mean value analysis (Reiser &amp; Lavenberg, JACM 27(2), 1980) of a closed, single-class,
 * product-form network: N customers circulate between one delay (think) station with mean think
 * time Z and K queueing stations with service demands D_k = V_k·S_k (visits times service time).
 *
 * <h2>What is modelled</h2>
 *
 * <p>Each queueing station is FCFS with exponential service and {@code c_k} identical servers,
 * the demand being served at rate min(j, c_k)/D_k when j customers are present. Single-server
 * stations use the arrival theorem directly, {@code R_k(n) = D_k(1 + Q_k(n-1))}. Multi-server
 * stations use the exact load-dependent recursion on marginal probabilities, in the form
 * {@code R_k(n) = D_k/c_k · (1 + Q_k(n-1) + Σ_{j=0}^{c_k-2} (c_k-1-j)·p_k(j | n-1))}, which needs
 * only the probabilities of fewer than c_k - 1 customers.
 *
 * <h2>Numerical stability</h2>
 *
 * <p>The textbook load-dependent MVA obtains p_k(0 | n) as 1 minus the other probabilities; near
 * saturation that subtraction cancels catastrophically and yields negative probabilities. Here it
 * is obtained by a product instead: since p_k(0 | n) = G_{-k}(n)/G(n) and X(n) = G(n-1)/G(n),
 * {@code p_k(0 | n) = p_k(0 | n-1) · X(n) / X_{-k}(n)}, where X_{-k} is the throughput of the
 * same network with station k removed, itself solved by this class. The probabilities for
 * 1 ≤ j ≤ c_k - 2 follow from {@code p_k(j | n) = X(n)·D_k/j · p_k(j-1 | n-1)}. Every step is a
 * product of positive numbers. The cost is one extra solution per multi-server station,
 * recursively, so it grows as 2^m for m multi-server stations: intended for a handful of them.
 */
public final class Mva {

    private Mva() {}

    /** Solves a network of single-server stations with demands D_k, think time Z, n = 1..N. */
    public static Result solve(double[] demands, double thinkTime, int population) {
        int[] servers = new int[demands.length];
        Arrays.fill(servers, 1);
        return solve(demands, servers, thinkTime, population);
    }

    /**
     * Solves a network whose station k has demand {@code demands[k]} and {@code servers[k]}
     * servers, with think time Z, for every population n = 1..N.
     */
    public static Result solve(double[] demands, int[] servers, double thinkTime, int population) {
        Checks.atLeast("population", population, 1);
        Checks.nonNegative("thinkTime", thinkTime);
        if (demands.length != servers.length) {
            throw new IllegalArgumentException(
                    "demands and servers must have the same length, got " + demands.length + " and " + servers.length);
        }
        double total = thinkTime;
        for (int k = 0; k < demands.length; k++) {
            Checks.nonNegative("demands[" + k + "]", demands[k]);
            Checks.atLeast("servers[" + k + "]", servers[k], 1);
            total += demands[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the sum of demands and thinkTime must be > 0");
        }
        return recurse(demands.clone(), servers.clone(), thinkTime, population);
    }

    /** The MVA recursion over n = 1..N; arguments already validated and owned. */
    private static Result recurse(double[] d, int[] c, double z, int population) {
        int stations = d.length;
        double[] x = new double[population + 1];
        double[][] r = new double[population + 1][stations];
        double[][] q = new double[population + 1][stations];
        double[][] complement = complementThroughputs(d, c, z, population);
        // p[k][j] = p_k(j | n-1) for j < c_k - 1, starting from the empty network
        double[][] p = new double[stations][];
        for (int k = 0; k < stations; k++) {
            p[k] = new double[Math.max(c[k] - 1, 0)];
            if (c[k] > 1) {
                p[k][0] = 1.0;
            }
        }
        for (int n = 1; n <= population; n++) {
            // residence times by the arrival theorem
            double cycle = z;
            for (int k = 0; k < stations; k++) {
                r[n][k] = residence(d[k], c[k], q[n - 1][k], p[k]);
                cycle += r[n][k];
            }
            // throughput and queue lengths by Little's law
            x[n] = n / cycle;
            for (int k = 0; k < stations; k++) {
                q[n][k] = x[n] * r[n][k];
            }
            // marginal probabilities of multi-server stations, by products only
            for (int k = 0; k < stations; k++) {
                if (c[k] > 1) {
                    p[k] = nextProbabilities(p[k], x[n], d[k], complement[k][n]);
                }
            }
        }
        return new Result(d, c, z, x, r, q);
    }

    /** Residence time of one visit cycle at a station with c servers, given the n-1 solution. */
    private static double residence(double demand, int servers, double queue, double[] p) {
        if (servers == 1) {
            return demand * (1.0 + queue);
        }
        double idleServers = 0.0;
        for (int j = 0; j <= servers - 2; j++) {
            idleServers += (servers - 1 - j) * p[j];
        }
        return demand / servers * (1.0 + queue + idleServers);
    }

    /** p(j | n) for j < c - 1 from p(j | n-1), X(n) and the complement throughput X_{-k}(n). */
    private static double[] nextProbabilities(double[] previous, double x, double demand, double xMinusK) {
        double[] next = new double[previous.length];
        next[0] = Double.isInfinite(xMinusK) ? 0.0 : previous[0] * x / xMinusK;
        for (int j = 1; j < next.length; j++) {
            next[j] = x * demand / j * previous[j - 1];
        }
        return next;
    }

    /** For each multi-server station k, X_{-k}(n) for n = 0..N; null rows for single servers. */
    private static double[][] complementThroughputs(double[] d, int[] c, double z, int population) {
        double[][] result = new double[d.length][];
        for (int k = 0; k < d.length; k++) {
            if (c[k] > 1) {
                result[k] = complementThroughput(d, c, z, population, k);
            }
        }
        return result;
    }

    /** Throughput of the network without station k; infinite when nothing else delays a customer. */
    private static double[] complementThroughput(double[] d, int[] c, double z, int population, int k) {
        double[] dk = new double[d.length - 1];
        int[] ck = new int[c.length - 1];
        double rest = z;
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i != k) {
                dk[j] = d[i];
                ck[j] = c[i];
                rest += d[i];
                j++;
            }
        }
        if (rest == 0.0) {
            double[] infinite = new double[population + 1];
            Arrays.fill(infinite, Double.POSITIVE_INFINITY);
            return infinite;
        }
        return recurse(dk, ck, z, population).throughputs();
    }

    /**
     * The MVA solution for every population 1..N: system throughput, response time (excluding
     * think time) and, per station, residence time, mean queue length and utilisation.
     */
    public static final class Result {
        private final double[] demands;
        private final int[] servers;
        private final double thinkTime;
        private final double[] throughput;
        private final double[][] residence;
        private final double[][] queue;

        private Result(
                double[] demands,
                int[] servers,
                double thinkTime,
                double[] throughput,
                double[][] residence,
                double[][] queue) {
            this.demands = demands;
            this.servers = servers;
            this.thinkTime = thinkTime;
            this.throughput = throughput;
            this.residence = residence;
            this.queue = queue;
        }

        /** The largest population solved, N. */
        public int population() {
            return throughput.length - 1;
        }

        /** Number of queueing stations K. */
        public int stations() {
            return demands.length;
        }

        /** The think time Z of the delay station. */
        public double thinkTime() {
            return thinkTime;
        }

        /** System throughput X(n). */
        public double throughput(int n) {
            return throughput[checkPopulation(n)];
        }

        /** Response time R(n) = Σ_k R_k(n), think time excluded; equals n/X(n) - Z. */
        public double responseTime(int n) {
            double sum = 0.0;
            for (double rk : residence[checkPopulation(n)]) {
                sum += rk;
            }
            return sum;
        }

        /** Residence time R_k(n) at station k, over all its visits per cycle. */
        public double residenceTime(int n, int station) {
            return residence[checkPopulation(n)][checkStation(station)];
        }

        /** Mean number of customers Q_k(n) at station k, queued or in service. */
        public double queueLength(int n, int station) {
            return queue[checkPopulation(n)][checkStation(station)];
        }

        /** Utilisation of each server of station k, X(n)·D_k/c_k. */
        public double utilisation(int n, int station) {
            int k = checkStation(station);
            return throughput[checkPopulation(n)] * demands[k] / servers[k];
        }

        /** Mean number of customers thinking, X(n)·Z. */
        public double thinking(int n) {
            return throughput[checkPopulation(n)] * thinkTime;
        }

        private double[] throughputs() {
            return throughput;
        }

        private int checkPopulation(int n) {
            if (n < 1 || n >= throughput.length) {
                throw new IllegalArgumentException("n must be in [1, " + population() + "], got " + n);
            }
            return n;
        }

        private int checkStation(int station) {
            if (station < 0 || station >= demands.length) {
                throw new IllegalArgumentException(
                        "station must be in [0, " + (demands.length - 1) + "], got " + station);
            }
            return station;
        }
    }
}
