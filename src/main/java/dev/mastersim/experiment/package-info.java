/**
 * Experiments over the model: runs, parallel replications, capacity search, forecast, compare, sweep.
 * Produce plain result records; never print.
 */
package dev.mastersim.experiment;
