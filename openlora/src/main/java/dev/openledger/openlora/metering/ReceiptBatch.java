package dev.openledger.openlora.metering;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receipts of one provider checked for settlement, with their {@link ReceiptTree} root. A
 * settlement transaction carries the root and the per-channel {@link #settlements()}; any single
 * receipt can later be proven with {@link #proof(int)}.
 *
 * <p>Checked on construction: every signature; one provider; no request id twice; per channel,
 * nonces consecutive in batch order and each cumulative charge equal to the previous one plus the
 * receipt's charge.
 */
public final class ReceiptBatch {
  private final List<SignedReceipt> receipts;
  private final ReceiptTree tree;
  private final List<ChannelSettlement> settlements;

  private ReceiptBatch(List<SignedReceipt> receipts, List<ChannelSettlement> settlements) {
    this.receipts = List.copyOf(receipts);
    this.tree = new ReceiptTree(this.receipts);
    this.settlements = List.copyOf(settlements);
  }

  /** Checks {@code receipts} and builds the batch, or says which receipt is wrong. */
  public static Result<ReceiptBatch> of(List<SignedReceipt> receipts) {
    if (receipts.isEmpty()) {
      return Result.err("empty_batch", "a batch needs at least one receipt");
    }
    Address provider = receipts.get(0).receipt().provider();
    Set<String> requestIds = new HashSet<>();
    Map<Hash, List<UsageReceipt>> byChannel = new LinkedHashMap<>();
    for (int i = 0; i < receipts.size(); i++) {
      SignedReceipt s = receipts.get(i);
      UsageReceipt r = s.receipt();
      if (!s.verify()) {
        return Result.err(
            "bad_signature",
            "receipt " + i + " (" + r.requestId() + ") is not signed by its provider");
      }
      if (!r.provider().equals(provider)) {
        return Result.err(
            "mixed_providers",
            "receipt " + i + " is from " + r.provider() + ", the batch is " + provider + "'s");
      }
      if (!requestIds.add(r.requestId())) {
        return Result.err("duplicate_request", "request " + r.requestId() + " is charged twice");
      }
      List<UsageReceipt> chain = byChannel.computeIfAbsent(r.channel(), k -> new ArrayList<>());
      if (!chain.isEmpty()) {
        UsageReceipt prev = chain.get(chain.size() - 1);
        if (!prev.caller().equals(r.caller())) {
          return Result.err(
              "mixed_payers",
              "channel " + r.channel().shortHex() + " has receipts from two payers");
        }
        if (r.nonce() != prev.nonce() + 1) {
          return Result.err(
              "nonce_gap",
              "receipt " + r.requestId() + " has nonce " + r.nonce() + " after " + prev.nonce());
        }
        if (!prev.cumulativeCharged().plus(r.charge()).equals(r.cumulativeCharged())) {
          return Result.err(
              "cumulative_mismatch",
              "receipt "
                  + r.requestId()
                  + ": cumulative charge "
                  + r.cumulativeCharged()
                  + " is not "
                  + prev.cumulativeCharged()
                  + " + "
                  + r.charge());
        }
      }
      chain.add(r);
    }
    List<ChannelSettlement> settlements = new ArrayList<>();
    for (Map.Entry<Hash, List<UsageReceipt>> e : byChannel.entrySet()) {
      List<UsageReceipt> rs = e.getValue();
      UsageReceipt first = rs.get(0);
      UsageReceipt last = rs.get(rs.size() - 1);
      Amount before = first.cumulativeCharged().minus(first.charge());
      settlements.add(
          new ChannelSettlement(
              e.getKey(),
              first.caller(),
              first.nonce(),
              last.nonce(),
              before,
              last.cumulativeCharged(),
              last.cumulativeCharged().minus(before)));
    }
    return Result.ok(new ReceiptBatch(receipts, settlements));
  }

  /** The Merkle root a settlement puts on chain. */
  public Hash root() {
    return tree.root();
  }

  public List<SignedReceipt> receipts() {
    return receipts;
  }

  /** The provider all receipts are from. */
  public Address provider() {
    return receipts.get(0).receipt().provider();
  }

  /** Per channel, in order of first appearance. */
  public List<ChannelSettlement> settlements() {
    return settlements;
  }

  /** The inclusion proof of receipt {@code index}. */
  public InclusionProof proof(int index) {
    return tree.proof(index);
  }

  /** The total charged by the batch. */
  public Amount total() {
    Amount t = Amount.ZERO;
    for (ChannelSettlement s : settlements) {
      t = t.plus(s.amount());
    }
    return t;
  }
}
