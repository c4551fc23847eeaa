/**
 * Closed forms: Erlang B and C, M/M/c/K, M/G/1, exact MVA and the Universal Scalability Law.
 * Pure functions, used by tests, by validate and as a first answer beside the simulation.
 */
package dev.mastersim.analytic;
