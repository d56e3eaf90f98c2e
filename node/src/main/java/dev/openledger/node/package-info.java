/**
 * The program: wiring of all modules, the HTTP API, the CLI, the web dashboard, metrics and the
 * demo.
 */
package dev.openledger.node;
