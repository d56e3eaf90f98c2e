/**
 * Signed transactions: the body {@code {chainId, sender, nonce, fee, message}}, its canonical
 * encoding, signing, and the stateless checks that come before ordering.
 *
 * <p>Invariants: a {@link dev.openledger.ledger.tx.SignedTransaction} decoded from bytes re-encodes
 * to the same bytes; its hash is SHA-256 of those bytes; a {@link
 * dev.openledger.ledger.tx.VerifiedTransaction} exists only after {@link
 * dev.openledger.ledger.tx.TxVerifier} checked size, chain id, fee floor and the Ed25519 signature
 * over {@code "openledger:tx:v1\n" || body}.
 */
package dev.openledger.ledger.tx;
