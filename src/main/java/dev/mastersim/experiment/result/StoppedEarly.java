package dev.mastersim.experiment.result;

/**
 * Why a run ended before its full length: its verdict was already certain. The JSON's top-level
 * {@code "stopped_early"} (CONTRACT §3). A healthy run never stops early.
 *
 * @param reason what made the verdict certain, in words
 * @param replications the replications the run's figures are estimated over
 */
public record StoppedEarly(String reason, int replications) {}
