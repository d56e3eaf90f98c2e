/**
 * A Java client of the node's HTTP API, used by the CLI, the demo and tests. It verifies what it
 * can: account values against a state proof, the proof against a block's state root, the block
 * header against its hash and the sequencer's signature.
 *
 * <p>Invariants: a private key never leaves the process through this client (it sends signed bytes
 * only); every failure is a typed {@link dev.openledger.node.client.ClientException}: the node
 * unreachable, an API error with its code, or a verification failure.
 */
package dev.openledger.node.client;
