/**
 * The datanet module (message code 4): datanets and their policies, contributions with their
 * review, curators and allow-lists, published versions (Merkle roots), access grants and fees, and
 * the daily contribution limits, all in the chain's state under {@code datanet/}.
 *
 * <p>Invariants: a contribution's id is {@code SHA-256("openledger/contribution/v1\0" || datanet ||
 * submitter || content hash)}, the same as the off-chain service's, so a record names exactly one
 * submitter's file; a datanet holds a given content hash at most once among its pending and
 * accepted contributions (the first submitter owns it, a rejection releases it); only the owner or
 * a curator changes a contribution's status, and only from pending; versions are numbered 1, 2, …
 * without gaps and list accepted contributions only; the stake escrow account holds exactly the
 * stakes of pending contributions; every fee moves through the bank keeper, so the supply is
 * conserved.
 */
package dev.openledger.ledger.datanet;
