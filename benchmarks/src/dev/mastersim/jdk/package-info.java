/**
 * JMH benchmarks of the JDK's in-process locks and hand-off queues: the strategies a developer chooses
 * between, measured on the machine at hand (see {@code benchmarks/README.md}).
 */
package dev.mastersim.jdk;
