/**
 * One master (or shards), replicas and application servers as one simulation: each mechanism of a
 * request's life cycle in a class named after it, assembled by {@code DeploymentModel}.
 */
package dev.mastersim.model.topology;
