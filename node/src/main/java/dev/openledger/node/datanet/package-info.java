/**
 * The node's datanet service: the off-chain {@code DatanetService} wired to the chain. Files are
 * uploaded and validated here, clients sign the {@code SubmitContribution} themselves, and {@link
 * dev.openledger.node.datanet.DatanetSync} applies every committed datanet transaction to the
 * service.
 *
 * <p>Invariants: a file's blob is durable before the node answers its upload, and the node forwards
 * a {@code SubmitContribution} only for a contribution it holds staged with the same values, so no
 * chain record submitted through this node names a file it does not store; the service follows the
 * chain in block order and records how far it got only after applying a block, so a crash makes it
 * re-apply (every step is idempotent), never skip; staged files the chain never recorded are
 * collected after a grace period.
 */
package dev.openledger.node.datanet;
