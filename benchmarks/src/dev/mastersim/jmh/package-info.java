/**
 * Charts of committed JMH results: reads JMH's JSON under {@code results/jmh/} and draws each figure
 * as PNG and SVG beside it.
 */
package dev.mastersim.jmh;
