/**
 * The model registry's read side over HTTP: registered models with their state, price, history and
 * lineage resolved against the chain. Writes are signed transactions posted to {@code /api/tx}.
 */
package dev.openledger.node.model;
