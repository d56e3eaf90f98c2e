/**
 * Off-chain metering of paid inference: the per-channel {@link
 * dev.openledger.openlora.metering.EscrowMeter} (reserve the maximum cost before any work, charge
 * the actual cost once, sign a {@link dev.openledger.core.receipt.UsageReceipt}), and {@link
 * dev.openledger.openlora.metering.ReceiptBatch}es whose Merkle root ({@link
 * dev.openledger.core.receipt.ReceiptTree}) a settlement puts on chain, with an inclusion proof for
 * every receipt. The receipt types themselves live in {@code core} so that the ledger can check
 * them on chain.
 *
 * <p>Invariants: no request runs without a reservation its channel can cover; a reservation is
 * charged or released exactly once; per channel, receipts carry consecutive nonces and a cumulative
 * charge that grows by exactly each receipt's charge and never exceeds the deposit.
 */
package dev.openledger.openlora.metering;
