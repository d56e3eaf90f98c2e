/**
 * A node's home directory: {@code config/genesis.json} (the chain), {@code config/node.json} (host
 * and port), {@code data/ledger/} (the RocksDB store) and {@code keys/} (encrypted key files).
 *
 * <p>Invariants: {@code init} never overwrites an initialised home; the genesis file is written
 * once and its bytes are the chain's identity.
 */
package dev.openledger.node.home;
