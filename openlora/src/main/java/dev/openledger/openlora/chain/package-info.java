/**
 * What OpenLoRA needs from the chain, as interfaces: the model registry (model name → approved
 * adapter, its content hash, price per token and developer), escrow balances of payment channels
 * (caller → serving provider), and the binding of API keys to accounts. A node implements all three
 * over its chain state (the ledger's model registry and payment module); {@link
 * dev.openledger.openlora.chain.InMemoryChain} implements them in memory for OpenLoRA's own tests
 * and benchmarks.
 *
 * <p>Invariants: lookups are read-only and side-effect free; an API key is never stored, only its
 * SHA-256.
 */
package dev.openledger.openlora.chain;
