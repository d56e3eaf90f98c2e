package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A serving provider settles a batch of its signed usage receipts: the root of the batch's receipt
 * tree ({@code core}'s {@code ReceiptTree}), how many receipts it holds, where each channel's
 * receipts end, and what each model earned. The chain checks the claims against the channels (the
 * batch continues each channel right after its last settled receipt and stays within its deposit),
 * moves the total out of escrow and splits each model's total by the inference fee split. The
 * receipts themselves stay off chain; any one of them can later be proven against the root.
 *
 * @param root the receipt tree's root
 * @param receiptCount the receipts in the batch: exactly the new nonces of its channels, and the
 *     models' receipts summed
 * @param channels 1 to {@value #MAX_CHANNELS} distinct channels, with their last nonce and
 *     cumulative charge after the batch
 * @param models 1 to {@value #MAX_MODELS} distinct model versions with their receipts and charges;
 *     the charges sum to what the channels are charged
 */
public record SettleUsage(
    Hash root, long receiptCount, List<ChannelClaim> channels, List<ModelCharge> models)
    implements PaymentMsg {
  public static final MessageType<SettleUsage> TYPE =
      new MessageType<>(0x0607, "payment/settle", SettleUsage.class, SettleUsage::decode);

  /** What fits in a transaction of the default 16 KiB limit with room for the models. */
  public static final int MAX_CHANNELS = 200;

  public static final int MAX_MODELS = 32;

  public SettleUsage {
    Objects.requireNonNull(root, "root");
    channels = List.copyOf(channels);
    models = List.copyOf(models);
    if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
      throw new IllegalArgumentException(
          "a settlement names 1 to " + MAX_CHANNELS + " channels, got " + channels.size());
    }
    if (models.isEmpty() || models.size() > MAX_MODELS) {
      throw new IllegalArgumentException(
          "a settlement names 1 to " + MAX_MODELS + " models, got " + models.size());
    }
    Set<Hash> ids = new HashSet<>();
    for (ChannelClaim c : channels) {
      if (!ids.add(c.channel())) {
        throw new IllegalArgumentException("channel " + c.channel() + " is listed twice");
      }
    }
    Set<String> keys = new HashSet<>();
    long receipts = 0;
    for (ModelCharge m : models) {
      if (!keys.add(m.label())) {
        throw new IllegalArgumentException("model " + m.label() + " is listed twice");
      }
      receipts += m.receipts();
    }
    if (receiptCount < 1 || receiptCount != receipts) {
      throw new IllegalArgumentException(
          "the receipt count "
              + receiptCount
              + " must be positive and equal the models' receipts, "
              + receipts);
    }
  }

  /**
   * What the models are charged in all (the chain checks it equals what the channels are charged).
   */
  public Amount modelTotal() {
    Amount t = Amount.ZERO;
    for (ModelCharge m : models) {
      t = t.plus(m.amount());
    }
    return t;
  }

  @Override
  public MessageType<SettleUsage> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(root).varint(receiptCount);
    w.varint(channels.size());
    for (ChannelClaim c : channels) {
      w.hash(c.channel()).varint(c.lastNonce()).amount(c.cumulativeAfter());
    }
    w.varint(models.size());
    for (ModelCharge m : models) {
      w.string(m.model()).u32(m.version()).varint(m.receipts()).amount(m.amount());
    }
  }

  private static SettleUsage decode(CanonicalReader r) throws DecodeException {
    Hash root = r.hash("root");
    long count = r.varint("receiptCount");
    int n = (int) r.varint("channels", MAX_CHANNELS);
    List<ChannelClaim> channels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      channels.add(
          new ChannelClaim(r.hash("channel"), r.varint("lastNonce"), r.amount("cumulativeAfter")));
    }
    int m = (int) r.varint("models", MAX_MODELS);
    List<ModelCharge> models = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      models.add(
          new ModelCharge(
              r.string("model", 64),
              DatanetParams.u32int(r, "version"),
              r.varint("receipts"),
              r.amount("amount")));
    }
    return new SettleUsage(root, count, channels, models);
  }

  /**
   * Where a channel's receipts in the batch end.
   *
   * @param channel the channel id
   * @param lastNonce the nonce of the channel's last receipt in the batch
   * @param cumulativeAfter that receipt's cumulative charge: the channel's total charge once the
   *     batch is settled
   */
  public record ChannelClaim(Hash channel, long lastNonce, Amount cumulativeAfter) {
    public ChannelClaim {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(cumulativeAfter, "cumulativeAfter");
      if (lastNonce < 1) {
        throw new IllegalArgumentException("receipt nonces start at 1, got " + lastNonce);
      }
      if (Amount.MAX_SUPPLY.isLessThan(cumulativeAfter)) {
        throw new IllegalArgumentException(
            "cumulative charge " + cumulativeAfter + " exceeds the total supply");
      }
    }
  }

  /**
   * What one model version earned in the batch.
   *
   * @param model the registered model's name (what receipts carry as {@code model})
   * @param version the approved version that served the receipts (their adapter hash is its
   *     adapter)
   * @param receipts how many receipts (paid inferences) in the batch are for it, at least 1
   * @param amount their charges summed
   */
  public record ModelCharge(String model, int version, long receipts, Amount amount) {
    public ModelCharge {
      ModelMsg.checkKey(model, version);
      Objects.requireNonNull(amount, "amount");
      if (receipts < 1) {
        throw new IllegalArgumentException("a model in a settlement has at least one receipt");
      }
      if (Amount.MAX_SUPPLY.isLessThan(amount)) {
        throw new IllegalArgumentException("amount " + amount + " exceeds the total supply");
      }
    }

    /** {@code name@version}. */
    public String label() {
      return model + "@" + version;
    }
  }
}
