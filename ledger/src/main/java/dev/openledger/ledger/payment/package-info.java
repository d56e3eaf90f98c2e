/**
 * The payment module (message code 6): payment channels, API key bindings and the settlement of
 * usage receipts, with the attribution pool that holds the contributors' part of settled fees.
 *
 * <p>Invariants: the {@code payments} escrow account holds exactly the deposits of open and closing
 * channels less what settlements took from them; a channel's settled cumulative charge never
 * exceeds its deposit and its settled nonce only grows, so no receipt is charged twice; only a
 * channel's provider settles on it; a payer has at most one open or closing channel per provider; a
 * receipt root is settled at most once; the {@code attribution-pool} account holds exactly the
 * contributors' parts of settled batches not yet paid out.
 */
package dev.openledger.ledger.payment;
