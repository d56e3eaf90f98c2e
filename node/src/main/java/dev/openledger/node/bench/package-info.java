/**
 * Benchmarks run by {@code openledger bench}: they print a human summary and, with {@code --json},
 * a machine-readable result, always with the machine they ran on (CPU model, cores, load average),
 * because figures taken on a shared machine are provisional.
 */
package dev.openledger.node.bench;
