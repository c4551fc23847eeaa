package dev.mastersim.scenario;

/** The application tier: {@code servers} servers, each with one pool per database. */
public record App(int servers, Pool pool) {}
