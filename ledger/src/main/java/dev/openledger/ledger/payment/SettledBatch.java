package dev.openledger.ledger.payment;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.state.StateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A settled batch of usage receipts as the chain records it: the receipt tree's root (so any
 * receipt of the batch can be proven later), the provider, what each channel and each model was
 * charged, how each model's total was split, and how much of the contributors' part is still
 * waiting in the attribution pool.
 *
 * @param root the receipt tree's root
 * @param provider the provider that signed the receipts and settled them
 * @param height the block it was settled in
 * @param timeMillis that block's time
 * @param sequence its place among all settled batches (0 for the first)
 * @param receiptCount receipts in the batch
 * @param contributorsBps the contributors' share of the fee split at settlement (attribution pays
 *     receipts by it)
 * @param channels the channels charged, in the settlement's order
 * @param models the model versions served, in the settlement's order
 */
public record SettledBatch(
    Hash root,
    Address provider,
    long height,
    long timeMillis,
    long sequence,
    long receiptCount,
    int contributorsBps,
    List<ChannelPart> channels,
    List<ModelPart> models) {

  public SettledBatch {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(provider, "provider");
    channels = List.copyOf(channels);
    models = List.copyOf(models);
    if (channels.isEmpty() || models.isEmpty() || receiptCount < 1) {
      throw new IllegalArgumentException("a settled batch has channels, models and receipts");
    }
    if (contributorsBps < 0 || contributorsBps > 10_000) {
      throw new IllegalArgumentException("contributorsBps must be within [0, 10000]");
    }
  }

  /** What the batch charged in all. */
  public Amount total() {
    Amount t = Amount.ZERO;
    for (ChannelPart c : channels) {
      t = t.plus(c.amount());
    }
    return t;
  }

  /** The contributors' part still in the attribution pool, over all models. */
  public Amount unattributed() {
    Amount t = Amount.ZERO;
    for (ModelPart m : models) {
      t = t.plus(m.unattributed());
    }
    return t;
  }

  public Optional<ChannelPart> channel(Hash id) {
    return channels.stream().filter(c -> c.channel().equals(id)).findFirst();
  }

  public Optional<ModelPart> model(String name, int version) {
    return models.stream()
        .filter(m -> m.model().equals(name) && m.version() == version)
        .findFirst();
  }

  SettledBatch withModel(int index, ModelPart m) {
    List<ModelPart> ms = new ArrayList<>(models);
    ms.set(index, m);
    return new SettledBatch(
        root, provider, height, timeMillis, sequence, receiptCount, contributorsBps, channels, ms);
  }

  /**
   * One channel's receipts in the batch.
   *
   * @param channel the channel id
   * @param payer its payer
   * @param firstNonce the first receipt's nonce
   * @param lastNonce the last receipt's nonce
   * @param amount what they charged in all
   */
  public record ChannelPart(
      Hash channel, Address payer, long firstNonce, long lastNonce, Amount amount) {
    public ChannelPart {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(payer, "payer");
      Objects.requireNonNull(amount, "amount");
      if (firstNonce < 1 || lastNonce < firstNonce) {
        throw new IllegalArgumentException(
            "nonces " + firstNonce + ".." + lastNonce + " are not a range");
      }
    }
  }

  /**
   * One model version's receipts in the batch, and where their charges went.
   *
   * @param model the model's name
   * @param version the version that served them
   * @param developer its developer
   * @param receipts how many receipts
   * @param amount what they charged in all
   * @param shares how {@code amount} was split (contributors: into the attribution pool)
   * @param unattributed the contributors' part not yet paid out of the pool by attribution
   */
  public record ModelPart(
      String model,
      int version,
      Address developer,
      long receipts,
      Amount amount,
      FeeShares shares,
      Amount unattributed) {
    public ModelPart {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(developer, "developer");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(shares, "shares");
      Objects.requireNonNull(unattributed, "unattributed");
      if (!shares.total().equals(amount)) {
        throw new IllegalArgumentException("the shares of " + model + " do not sum to its amount");
      }
      if (shares.contributors().isLessThan(unattributed)) {
        throw new IllegalArgumentException(
            "more is unattributed than the contributors' share of " + model);
      }
    }

    ModelPart withUnattributed(Amount left) {
      return new ModelPart(model, version, developer, receipts, amount, shares, left);
    }
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    w.hash(root)
        .address(provider)
        .varint(height)
        .varint(timeMillis)
        .varint(sequence)
        .varint(receiptCount)
        .varint(contributorsBps);
    w.varint(channels.size());
    for (ChannelPart c : channels) {
      w.hash(c.channel())
          .address(c.payer())
          .varint(c.firstNonce())
          .varint(c.lastNonce())
          .amount(c.amount());
    }
    w.varint(models.size());
    for (ModelPart m : models) {
      FeeShares s = m.shares();
      w.string(m.model())
          .u32(m.version())
          .address(m.developer())
          .varint(m.receipts())
          .amount(m.amount())
          .amount(s.contributors())
          .amount(s.developer())
          .amount(s.provider())
          .amount(s.stakers())
          .amount(s.treasury())
          .amount(m.unattributed());
    }
    return w.toByteArray();
  }

  static SettledBatch decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    Hash root = r.hash("root");
    Address provider = r.address("provider");
    long height = r.varint("height");
    long time = r.varint("timeMillis");
    long sequence = r.varint("sequence");
    long count = r.varint("receiptCount");
    int bps = (int) r.varint("contributorsBps", 10_000);
    int nc = (int) r.varint("channels", 100_000);
    List<ChannelPart> channels = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      channels.add(
          StateCodec.construct(
              () ->
                  new ChannelPart(
                      r.hash("channel"),
                      r.address("payer"),
                      r.varint("firstNonce"),
                      r.varint("lastNonce"),
                      r.amount("amount"))));
    }
    int nm = (int) r.varint("models", 100_000);
    List<ModelPart> models = new ArrayList<>(nm);
    for (int i = 0; i < nm; i++) {
      models.add(
          StateCodec.construct(
              () ->
                  new ModelPart(
                      r.string("model", 64),
                      (int) r.u32("version"),
                      r.address("developer"),
                      r.varint("receipts"),
                      r.amount("amount"),
                      new FeeShares(
                          r.amount("contributors"),
                          r.amount("developer"),
                          r.amount("provider"),
                          r.amount("stakers"),
                          r.amount("treasury")),
                      r.amount("unattributed"))));
    }
    r.finish();
    return StateCodec.construct(
        () ->
            new SettledBatch(root, provider, height, time, sequence, count, bps, channels, models));
  }
}
