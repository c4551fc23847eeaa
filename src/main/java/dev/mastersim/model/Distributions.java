package dev.mastersim.model;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.Samplers;
import dev.mastersim.scenario.Dist;
import org.apache.commons.rng.UniformRandomProvider;

/** Maps a scenario's distribution to an engine sampler bound to a stream: the one place that does. */
public final class Distributions {
    private Distributions() {}

    public static DoubleSampler sampler(Dist dist, UniformRandomProvider rng) {
        if (dist.mean() == 0) {
            return Samplers.constant(0);
        }
        if (dist instanceof Dist.Exponential e) {
            return Samplers.exponential(rng, e.mean());
        } else if (dist instanceof Dist.Constant c) {
            return Samplers.constant(c.value());
        } else if (dist instanceof Dist.LogNormal l) {
            return Samplers.lognormal(rng, l.mean(), l.cv());
        } else if (dist instanceof Dist.Gamma g) {
            return Samplers.gamma(rng, g.mean(), g.cv());
        } else if (dist instanceof Dist.Uniform u) {
            return Samplers.uniform(rng, u.min(), u.max());
        }
        throw new IllegalArgumentException("unknown distribution " + dist);
    }

    /** True when the distribution is identically zero (the step is skipped). */
    public static boolean isZero(Dist dist) {
        return dist.mean() == 0;
    }
}
