package dev.mastersim.engine;

/** Draws one value of a random variable from the stream it was bound to. */
@FunctionalInterface
public interface DoubleSampler {
    double sample();
}
