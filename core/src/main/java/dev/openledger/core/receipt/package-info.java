/**
 * Signed usage receipts of paid inference and the Merkle tree a settlement commits to: a {@link
 * dev.openledger.core.receipt.UsageReceipt} (what one request cost on one payment channel), the
 * provider's {@link dev.openledger.core.receipt.SignedReceipt}, the RFC 6962-shaped {@link
 * dev.openledger.core.receipt.ReceiptTree} over a batch of them, and an {@link
 * dev.openledger.core.receipt.InclusionProof} that proves one receipt against a batch root.
 *
 * <p>These live in {@code core} because both sides read them: the serving provider signs and
 * batches receipts off chain, and the ledger checks them on chain (settled roots, receipts proven
 * against them).
 *
 * <p>Invariants: a receipt's charge is exactly {@code (prompt + completion tokens) · price} and its
 * cumulative charge is at least that charge (checked on construction); the canonical encoding is
 * the only encoding and decoding rejects anything else; a leaf commits to the whole signed receipt,
 * so a receipt altered in any way, even re-signed by its provider, does not verify against a root
 * it was not in.
 */
package dev.openledger.core.receipt;
