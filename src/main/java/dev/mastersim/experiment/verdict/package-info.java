/**
 * Saturation verdicts and the bottleneck rule.
 * A verdict is decided on confidence intervals, not on means alone.
 */
package dev.mastersim.experiment.verdict;
