/**
 * The Apache Spark adapter: mastersim's commands with each step's replications run as Spark tasks and
 * merged on the driver in index order, so the outputs equal the local ones byte for byte.
 */
package dev.mastersim.spark;
