/**
 * Off-chain metering of paid inference: the per-channel {@link dev.openledger.openlora.metering.EscrowMeter}
 * (reserve the maximum cost before any work, charge the actual cost once, sign a {@link
 * dev.openledger.openlora.metering.UsageReceipt}), and {@link dev.openledger.openlora.metering.ReceiptBatch}es
 * whose Merkle root a settlement puts on chain, with an inclusion proof for every receipt.
 *
 * <p>Invariants: no request runs without a reservation its channel can cover; a reservation is charged or
 * released exactly once; per channel, receipts carry consecutive nonces and a cumulative charge that grows by
 * exactly each receipt's charge and never exceeds the deposit. Everything here depends on {@code core} only, so
 * the ledger can take these types over unchanged when settlement verifies receipts on chain.
 */
package dev.openledger.openlora.metering;
