/**
 * Experiments over the model: runs, parallel replications (the worker threads, as many as the memory
 * estimate lets fit), capacity search, forecast, compare, sweep. Produce plain result records; never print.
 */
package dev.mastersim.experiment;
