/**
 * Reporters: terminal table, CSV, JSON, charts and HTML, from result records only.
 * Files are written whole or not at all.
 */
package dev.mastersim.report;
