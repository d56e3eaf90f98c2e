package dev.openledger.ledger.attribution;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.state.StateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attributed inference as the chain keeps it (at {@code attribution/r<channel><nonce>}).
 *
 * @param requestId the receipt's request id (the response id its caller saw)
 * @param channel the receipt's payment channel
 * @param nonce the receipt's nonce in that channel
 * @param provider the serving provider that attributed it
 * @param caller who paid
 * @param model the model's name
 * @param version the model version that served it
 * @param root the settled batch's receipt root
 * @param charge the receipt's charge
 * @param pool the contributors' part of it, {@code ⌊charge × contributorsBps / 10000⌋}
 * @param claim the attribution as submitted (result hash, input hashes, shares, flagged rows)
 * @param payouts what each listed contributor earned and what was withheld from it
 * @param treasury what went to the treasury: unallocated units, rounding dust and withheld rewards
 * @param height the block it was recorded in
 * @param timeMillis that block's time
 */
public record InferenceAttribution(
    String requestId,
    Hash channel,
    long nonce,
    Address provider,
    Address caller,
    String model,
    int version,
    Hash root,
    Amount charge,
    Amount pool,
    AttributionClaim claim,
    List<Payout> payouts,
    Amount treasury,
    long height,
    long timeMillis) {

  public InferenceAttribution {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(charge, "charge");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(claim, "claim");
    payouts = List.copyOf(payouts);
    Objects.requireNonNull(treasury, "treasury");
    Amount sum = treasury;
    for (Payout p : payouts) {
      sum = sum.plus(p.paid());
    }
    if (!sum.equals(pool)) {
      throw new IllegalArgumentException(
          "payouts and treasury sum to " + sum + ", not the pool " + pool);
    }
  }

  /**
   * One contributor's reward.
   *
   * @param contributor who
   * @param units its units of the claim's scale
   * @param earned {@code ⌊pool × units / scale⌋}
   * @param withheld the penalty cut of it (to the treasury)
   * @param penaltyPoints its penalty score when it was paid
   */
  public record Payout(
      Address contributor, long units, Amount earned, Amount withheld, long penaltyPoints) {
    public Payout {
      Objects.requireNonNull(contributor, "contributor");
      Objects.requireNonNull(earned, "earned");
      Objects.requireNonNull(withheld, "withheld");
      if (earned.isLessThan(withheld)) {
        throw new IllegalArgumentException("more withheld than earned");
      }
    }

    /** What it received. */
    public Amount paid() {
      return earned.minus(withheld);
    }
  }

  /** What the contributors received in all. */
  public Amount paidToContributors() {
    Amount t = Amount.ZERO;
    for (Payout p : payouts) {
      t = t.plus(p.paid());
    }
    return t;
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(512);
    w.string(requestId)
        .hash(channel)
        .varint(nonce)
        .address(provider)
        .address(caller)
        .string(model)
        .u32(version)
        .hash(root)
        .amount(charge)
        .amount(pool);
    claim.encode(w);
    w.varint(payouts.size());
    for (Payout p : payouts) {
      w.address(p.contributor())
          .varint(p.units())
          .amount(p.earned())
          .amount(p.withheld())
          .varint(p.penaltyPoints());
    }
    w.amount(treasury).varint(height).varint(timeMillis);
    return w.toByteArray();
  }

  static InferenceAttribution decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    String requestId = r.string("requestId", 1024);
    Hash channel = r.hash("channel");
    long nonce = r.varint("nonce");
    Address provider = r.address("provider");
    Address caller = r.address("caller");
    String model = r.string("model", 256);
    int version = (int) r.u32("version");
    Hash root = r.hash("root");
    Amount charge = r.amount("charge");
    Amount pool = r.amount("pool");
    AttributionClaim claim = StateCodec.construct(() -> AttributionClaim.decode(r));
    int n = (int) r.varint("payouts", AttributionClaim.MAX_CONTRIBUTORS);
    List<Payout> payouts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      payouts.add(
          StateCodec.construct(
              () ->
                  new Payout(
                      r.address("contributor"),
                      r.varint("units"),
                      r.amount("earned"),
                      r.amount("withheld"),
                      r.varint("penaltyPoints"))));
    }
    Amount treasury = r.amount("treasury");
    long height = r.varint("height");
    long time = r.varint("timeMillis");
    r.finish();
    return StateCodec.construct(
        () ->
            new InferenceAttribution(
                requestId, channel, nonce, provider, caller, model, version, root, charge, pool,
                claim, payouts, treasury, height, time));
  }
}
