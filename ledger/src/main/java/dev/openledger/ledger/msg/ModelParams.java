package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The model registry's parameters: set in genesis ({@code modules.model}), changed only by {@link
 * UpdateModelParams} from {@code authority}.
 *
 * @param authority the account that approves, rejects and retires models and changes these
 *     parameters (the governance module account)
 * @param autoApprove when true, {@link ProposeModel} approves at once (a devnet stand-in for a
 *     vote)
 * @param registerFee paid to the treasury by {@link RegisterModel}
 * @param minInferencePrice the lowest price per 1,000 generated tokens a developer may set
 * @param defaultInferencePrice a new model's price per 1,000 tokens until its developer sets one
 * @param maxInferencePrice the highest price per 1,000 tokens a developer may set
 */
public record ModelParams(
    Address authority,
    boolean autoApprove,
    Amount registerFee,
    Amount minInferencePrice,
    Amount defaultInferencePrice,
    Amount maxInferencePrice) {

  public ModelParams {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(registerFee, "registerFee");
    Objects.requireNonNull(minInferencePrice, "minInferencePrice");
    Objects.requireNonNull(defaultInferencePrice, "defaultInferencePrice");
    Objects.requireNonNull(maxInferencePrice, "maxInferencePrice");
    if (defaultInferencePrice.isLessThan(minInferencePrice)
        || maxInferencePrice.isLessThan(defaultInferencePrice)) {
      throw new IllegalArgumentException(
          "need minInferencePrice <= defaultInferencePrice <= maxInferencePrice");
    }
    if (Amount.MAX_SUPPLY.isLessThan(maxInferencePrice)
        || Amount.MAX_SUPPLY.isLessThan(registerFee)) {
      throw new IllegalArgumentException("a price or fee cannot exceed the total supply");
    }
  }

  /**
   * The devnet's values: proposals approve at once (until governance executes approvals),
   * registering costs 1 OPEN, prices from 0.0001 to 10 OPEN per 1,000 tokens, 0.01 by default.
   */
  public static ModelParams devnet(Address authority) {
    return new ModelParams(
        authority,
        true,
        Amount.ofOpen(1),
        Amount.parse("0.0001"),
        Amount.parse("0.01"),
        Amount.ofOpen(10));
  }

  /** {@code price} limited to the bounds. */
  public Amount clamp(Amount price) {
    if (price.isLessThan(minInferencePrice)) {
      return minInferencePrice;
    }
    return maxInferencePrice.isLessThan(price) ? maxInferencePrice : price;
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(64);
    encode(w);
    return w.toByteArray();
  }

  void encode(CanonicalWriter w) {
    w.address(authority)
        .bool(autoApprove)
        .amount(registerFee)
        .amount(minInferencePrice)
        .amount(defaultInferencePrice)
        .amount(maxInferencePrice);
  }

  public static ModelParams decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    ModelParams p = decode(r);
    r.finish();
    return p;
  }

  static ModelParams decode(CanonicalReader r) throws DecodeException {
    return new ModelParams(
        r.address("authority"),
        r.bool("autoApprove"),
        r.amount("registerFee"),
        r.amount("minInferencePrice"),
        r.amount("defaultInferencePrice"),
        r.amount("maxInferencePrice"));
  }
}
