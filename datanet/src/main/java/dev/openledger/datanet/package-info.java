/**
 * Off-chain Datanet data: the content-addressed blob store, ingestion, validation and de-duplication,
 * and versions as Merkle trees with inclusion proofs.
 *
 * <p>Invariant: a blob is durable before any transaction refers to it.
 */
package dev.openledger.datanet;
