/**
 * Wires one master (or shards), replicas and application servers into one simulation.
 * The request life cycle lives here.
 */
package dev.mastersim.model.topology;
