package dev.mastersim.scenario;

/** How requests arrive: open (Poisson at a rate) or closed (a population of users who think, then send). */
public enum Arrivals {
    OPEN,
    CLOSED
}
