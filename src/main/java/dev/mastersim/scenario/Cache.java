package dev.mastersim.scenario;

/** A read cache in front of the database: {@code hitRatio} of read queries never reach it. */
public record Cache(double hitRatio) {}
