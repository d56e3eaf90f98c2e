/**
 * Paid serving inside a node: OpenLoRA reading approved models, payment channels and API keys from
 * the node's own chain state ({@link dev.openledger.node.serving.ChainView}), and the provider's
 * settlement loop ({@link dev.openledger.node.serving.UsageSettler}) that puts signed usage
 * receipts on chain and keeps each settled batch on disk ({@link
 * dev.openledger.node.serving.SettledBatchStore}).
 *
 * <p>Invariants: a model is served only while its version is approved on chain and this node holds
 * artifacts whose adapter hashes to the approved hash; a request is served only against an open
 * channel to this provider that covers its maximum cost; every receipt the meter signs is settled
 * at most once, by the provider's key; a settled batch is written durably before anyone hears of it
 * and never rewritten.
 */
package dev.openledger.node.serving;
