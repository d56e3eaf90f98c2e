/**
 * Blocks, receipts and events, their canonical encodings, and the binary Merkle root over lists.
 *
 * <p>Invariants: a header's hash is SHA-256 of its canonical encoding and the proposer signs {@code
 * "openledger:block:v1\n" || hash}; {@code txRoot} is the Merkle root of the block's transaction
 * hashes and {@code receiptRoot} of its receipts' encodings, both in block order (RFC 6962 tree
 * shape); a block at height h &gt; 0 has {@code prevHash} = hash of the header at h-1, and the
 * header at height 0 has {@code prevHash} = hash of the genesis file.
 */
package dev.openledger.ledger.block;
