package dev.mastersim.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Samplers for the distributions a scenario may name, each parameterised by its mean (and
 * coefficient of variation where it has one), bound to one random stream.
 */
public final class Samplers {
    private Samplers() {}

    /** Exponential with this mean (memoryless); a mean of 0 is the constant 0. */
    public static DoubleSampler exponential(UniformRandomProvider rng, double mean) {
        requireNonNegative("mean", mean);
        if (mean == 0) {
            return constant(0);
        }
        ZigguratSampler.Exponential s = ZigguratSampler.Exponential.of(rng, mean);
        return s::sample;
    }

    /** Always the same value. */
    public static DoubleSampler constant(double value) {
        requireNonNegative("value", value);
        return () -> value;
    }

    /** Log-normal with this mean and coefficient of variation: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2. */
    public static DoubleSampler lognormal(UniformRandomProvider rng, double mean, double cv) {
        requirePositive("mean", mean);
        requirePositive("cv", cv);
        double sigma2 = Math.log1p(cv * cv);
        double mu = Math.log(mean) - sigma2 / 2;
        ContinuousSampler s = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mu, Math.sqrt(sigma2));
        return s::sample;
    }

    /** Gamma with this mean and coefficient of variation: shape 1/cv², scale mean·cv². */
    public static DoubleSampler gamma(UniformRandomProvider rng, double mean, double cv) {
        requirePositive("mean", mean);
        requirePositive("cv", cv);
        double shape = 1 / (cv * cv);
        double scale = mean * cv * cv;
        ContinuousSampler s = AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, scale);
        return s::sample;
    }

    /** Uniform on [min, max]. */
    public static DoubleSampler uniform(UniformRandomProvider rng, double min, double max) {
        requireNonNegative("min", min);
        if (!(max >= min)) {
            throw new IllegalArgumentException("max must be >= min: " + min + ", " + max);
        }
        if (max == min) {
            return constant(min);
        }
        ContinuousSampler s = ContinuousUniformSampler.of(rng, min, max);
        return s::sample;
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0: " + v);
        }
    }
}
