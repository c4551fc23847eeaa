package dev.mastersim.analytic;

/**
 * The operational laws, which hold for any system in flow balance whatever its distributions
 * (Lazowska et al., <i>Quantitative System Performance</i>, ch. 3).
 */
public final class OperationalLaws {

    private OperationalLaws() {}

    /** Little's law: mean number present N = X·R for throughput X and mean residence time R. */
    public static double little(double throughput, double residenceTime) {
        Checks.nonNegative("throughput", throughput);
        Checks.nonNegative("residenceTime", residenceTime);
        return throughput * residenceTime;
    }

    /** Utilisation law: U = X·S, for a single server with mean service time S. */
    public static double utilisation(double throughput, double meanService) {
        Checks.nonNegative("throughput", throughput);
        Checks.nonNegative("meanService", meanService);
        return throughput * meanService;
    }

    /** Forced flow law: the throughput at a device, X_k = V_k·X, for V_k visits per job. */
    public static double forcedFlow(double visits, double systemThroughput) {
        Checks.nonNegative("visits", visits);
        Checks.nonNegative("systemThroughput", systemThroughput);
        return visits * systemThroughput;
    }

    /** Interactive response time law: R = N/X - Z for N users thinking Z between requests. */
    public static double interactiveResponse(double users, double throughput, double thinkTime) {
        Checks.positive("users", users);
        Checks.positive("throughput", throughput);
        Checks.nonNegative("thinkTime", thinkTime);
        return users / throughput - thinkTime;
    }

    /**
     * Asymptotic upper bound on the throughput of a closed network: min(1/Dmax, N/(D + Z)) for
     * total demand D, largest single-server demand Dmax and think time Z.
     */
    public static double throughputBound(double[] demands, double thinkTime, int users) {
        Checks.nonNegative("thinkTime", thinkTime);
        Checks.atLeast("users", users, 1);
        if (demands.length == 0) {
            throw new IllegalArgumentException("demands must not be empty");
        }
        double total = 0.0;
        double max = 0.0;
        for (int k = 0; k < demands.length; k++) {
            Checks.nonNegative("demands[" + k + "]", demands[k]);
            total += demands[k];
            max = Math.max(max, demands[k]);
        }
        if (!(total + thinkTime > 0)) {
            throw new IllegalArgumentException("the sum of demands and thinkTime must be > 0");
        }
        double byPopulation = users / (total + thinkTime);
        return max == 0.0 ? byPopulation : Math.min(1.0 / max, byPopulation);
    }
}
