package dev.mastersim.analytic;

/**
 * The M/M/c/K queue: Poisson arrivals at rate {@code lambda}, exponential service with mean
 * {@code meanService}, {@code servers} servers and room for {@code capacity} customers in all
 * (in service plus waiting); an arrival that finds {@code capacity} present is blocked and lost.
 *
 * <p>The birth–death probabilities {@code p(n) ∝ a^n / (min(n,c)! c^{max(n-c,0)})} are built by
 * the ratio {@code p(n)/p(n-1) = a / min(n, c)} in logarithms and normalised after subtracting
 * the largest term, so neither large loads nor large capacities overflow. Any load is allowed:
 * a finite system is always stable. With {@code capacity == servers} blocking equals Erlang B.
 *
 * @param lambda arrival rate λ (offered, before blocking)
 * @param meanService mean service time S
 * @param servers number of servers c
 * @param capacity maximum number in the system K ≥ c
 */
public record MMcK(double lambda, double meanService, int servers, int capacity) {

    /** Validates the arguments. */
    public MMcK {
        Checks.positive("lambda", lambda);
        Checks.positive("meanService", meanService);
        Checks.atLeast("servers", servers, 1);
        Checks.atLeast("capacity", capacity, servers);
    }

    /** The stationary probability of {@code n} customers present, 0 ≤ n ≤ K. */
    public double probability(int n) {
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("n must be in [0, " + capacity + "], got " + n);
        }
        return distribution()[n];
    }

    /** Probability that an arrival is blocked, p(K) (PASTA). */
    public double blockingProbability() {
        return distribution()[capacity];
    }

    /** Throughput of admitted customers, λ(1 - p(K)). */
    public double throughput() {
        return lambda * (1.0 - blockingProbability());
    }

    /** Utilisation of each server, throughput·S/c. */
    public double utilisation() {
        return throughput() * meanService / servers;
    }

    /** Mean number in the system, L = Σ n·p(n). */
    public double meanNumberInSystem() {
        double[] p = distribution();
        double sum = 0.0;
        for (int n = 1; n <= capacity; n++) {
            sum += n * p[n];
        }
        return sum;
    }

    /** Mean number waiting, Lq = Σ (n - c)·p(n) over n > c. */
    public double meanQueueLength() {
        double[] p = distribution();
        double sum = 0.0;
        for (int n = servers + 1; n <= capacity; n++) {
            sum += (n - servers) * p[n];
        }
        return sum;
    }

    /** Mean response time of admitted customers, W = L / throughput (Little). */
    public double meanResponse() {
        return meanNumberInSystem() / throughput();
    }

    /** Mean wait of admitted customers, Wq = Lq / throughput (Little). */
    public double meanWait() {
        return meanQueueLength() / throughput();
    }

    /** p(0..K), from log-ratios normalised against the largest term. */
    private double[] distribution() {
        double logA = Math.log(lambda * meanService);
        double[] log = new double[capacity + 1];
        double max = 0.0;
        for (int n = 1; n <= capacity; n++) {
            log[n] = log[n - 1] + logA - Math.log(Math.min(n, servers));
            max = Math.max(max, log[n]);
        }
        double[] p = new double[capacity + 1];
        double total = 0.0;
        for (int n = 0; n <= capacity; n++) {
            p[n] = Math.exp(log[n] - max);
            total += p[n];
        }
        for (int n = 0; n <= capacity; n++) {
            p[n] /= total;
        }
        return p;
    }
}
