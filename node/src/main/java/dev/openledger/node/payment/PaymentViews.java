package dev.openledger.node.payment;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.payment.Channel;
import dev.openledger.ledger.payment.SettledBatch;
import java.util.List;

/**
 * The JSON shapes of the payment routes (amounts in OPEN as decimal strings, addresses {@code
 * ol1…}, hashes hex).
 */
public final class PaymentViews {
  private PaymentViews() {}

  /**
   * A payment channel.
   *
   * @param remaining what is still in escrow (deposit less settled charges; zero once withdrawn)
   * @param status {@code open}, {@code closing} or {@code closed}
   * @param closesAtMillis while closing: the block time from which the payer may withdraw, else 0
   */
  public record ChannelView(
      Hash id,
      Address payer,
      Address provider,
      long sequence,
      Amount deposit,
      Amount settledCharged,
      long settledNonce,
      Amount remaining,
      String status,
      long openedHeight,
      long closesAtMillis) {
    public static ChannelView of(Channel c) {
      return new ChannelView(
          c.id(),
          c.payer(),
          c.provider(),
          c.sequence(),
          c.deposit(),
          c.settledCharged(),
          c.settledNonce(),
          c.remaining(),
          c.status().label(),
          c.openedHeight(),
          c.closesAtMillis());
    }
  }

  /** Channels read at {@code height}. */
  public record ChannelListView(long height, PaymentParams params, List<ChannelView> channels) {}

  /** Where an API key hash points. */
  public record KeyView(Hash keyHash, Address account) {}

  /**
   * A settled batch of receipts.
   *
   * @param total what it charged in all
   * @param unattributed the contributors' part still in the attribution pool
   */
  public record BatchView(
      Hash root,
      Address provider,
      long height,
      long timeMillis,
      long sequence,
      long receiptCount,
      int contributorsBps,
      Amount total,
      Amount unattributed,
      List<SettledBatch.ChannelPart> channels,
      List<SettledBatch.ModelPart> models) {
    public static BatchView of(SettledBatch b) {
      return new BatchView(
          b.root(),
          b.provider(),
          b.height(),
          b.timeMillis(),
          b.sequence(),
          b.receiptCount(),
          b.contributorsBps(),
          b.total(),
          b.unattributed(),
          b.channels(),
          b.models());
    }
  }

  /** Settled batches, newest first. */
  public record BatchListView(long height, long count, List<BatchView> batches) {}

  /**
   * A receipt to prove against a settled batch (the body of {@code POST
   * /api/payments/batches/{root}/verify}).
   *
   * @param receipt the signed receipt, hex of its canonical encoding (as in the {@code
   *     OpenLedger-Receipt} header)
   * @param proof its audit path in the batch's receipt tree
   */
  public record ReceiptCheckRequest(String receipt, InclusionProof proof) {}

  /**
   * The chain's verdict on a receipt and its proof.
   *
   * @param verified the receipt is in the settled batch, signed by its provider, on one of its
   *     channels and models
   * @param code {@code ok} or why not ({@code unknown_batch}, {@code bad_proof}, {@code
   *     bad_signature}, …)
   * @param message the reason in words
   * @param receipt the receipt's fields (absent when it could not be read)
   * @param version the model version that served it (0 unless verified)
   * @param contributorsPart its charge's contributors' part, {@code charge × contributorsBps /
   *     10000} floored (0 unless verified)
   */
  public record ReceiptCheckView(
      Hash root,
      boolean verified,
      String code,
      String message,
      UsageReceipt receipt,
      int version,
      Amount contributorsPart) {}

  /**
   * A receipt the serving node settled, with its inclusion proof.
   *
   * @param receiptHex the signed receipt's canonical encoding in hex
   * @param receipt its fields
   * @param root the settled batch's root
   * @param proof the audit path
   * @param height the block the batch settled in
   */
  public record ReceiptProofView(
      String receiptHex, UsageReceipt receipt, Hash root, InclusionProof proof, long height) {
    public static ReceiptProofView of(
        SignedReceipt r, Hash root, InclusionProof proof, long height) {
      return new ReceiptProofView(r.toHex(), r.receipt(), root, proof, height);
    }
  }
}
