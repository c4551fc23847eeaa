/**
 * JMH benchmarks of database locking strategies (pessimistic, atomic update, optimistic, NOWAIT,
 * SKIP LOCKED) through HikariCP, on embedded H2 or on a PostgreSQL given by its JDBC URL.
 */
package dev.mastersim.db;
