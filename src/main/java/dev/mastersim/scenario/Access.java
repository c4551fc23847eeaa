package dev.mastersim.scenario;

/** Which rows a transaction touches. */
public sealed interface Access {

    /** Every row equally likely. */
    record Uniform() implements Access {}

    /** Row of rank k with probability proportional to 1/k^s. */
    record Zipf(double s) implements Access {}

    /** A {@code fraction} of the rows receives a {@code share} of the accesses. */
    record HotSet(double fraction, double share) implements Access {}
}
