/**
 * The database deployment as a network of stations, pools, lock tables and replication streams.
 * Built on the engine from the scenario's immutable records; reads no files.
 */
package dev.mastersim.model;
