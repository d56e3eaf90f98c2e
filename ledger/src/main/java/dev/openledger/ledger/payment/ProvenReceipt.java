package dev.openledger.ledger.payment;

import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ledger.payment.SettledBatch.ChannelPart;
import dev.openledger.ledger.payment.SettledBatch.ModelPart;

/**
 * A receipt proven against a settled batch: it is a leaf of the batch's receipt tree, signed by the
 * batch's provider, on one of the batch's channels within its nonces, for one of its models (the
 * version whose adapter the receipt names).
 *
 * @param receipt the receipt
 * @param batch the settled batch
 * @param channel the receipt's channel in the batch
 * @param model the receipt's model in the batch
 */
public record ProvenReceipt(
    SignedReceipt receipt, SettledBatch batch, ChannelPart channel, ModelPart model) {}
