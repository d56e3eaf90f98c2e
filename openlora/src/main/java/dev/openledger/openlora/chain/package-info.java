/**
 * What OpenLoRA needs from the chain, as interfaces: the model registry (model name → approved adapter, its
 * content hash, price per token and developer), escrow balances of payment channels (caller → serving
 * provider), and the binding of API keys to accounts. {@link dev.openledger.openlora.chain.InMemoryChain}
 * implements all three for tests and the devnet demo (optionally read from a JSON file by {@link
 * dev.openledger.openlora.chain.ChainFile}) until the ledger provides them.
 *
 * <p>Invariants: lookups are read-only and side-effect free; an API key is never stored, only its SHA-256.
 */
package dev.openledger.openlora.chain;
