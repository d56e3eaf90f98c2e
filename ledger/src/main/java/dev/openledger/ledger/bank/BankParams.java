package dev.openledger.ledger.bank;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The bank's governance parameters.
 *
 * @param inferenceFeeSplit how {@link FeeSplitter#settle} divides an inference fee
 * @param txFeeStakersBps the share of every transaction fee, in basis points, paid into the staking
 *     rewards reserve; the rest (and the rounding dust) goes to the treasury
 */
public record BankParams(FeeSplit inferenceFeeSplit, int txFeeStakersBps) {
  public BankParams {
    Objects.requireNonNull(inferenceFeeSplit, "inferenceFeeSplit");
    if (txFeeStakersBps < 0 || txFeeStakersBps > FeeSplit.TOTAL_BPS) {
      throw new IllegalArgumentException(
          "txFeeStakersBps must be within [0, 10000], got " + txFeeStakersBps);
    }
  }

  /** The defaults: {@link FeeSplit#defaults()}, and 20% of transaction fees to stakers. */
  public static BankParams defaults() {
    return new BankParams(FeeSplit.defaults(), 2_000);
  }

  /** The stakers' part of a transaction fee: {@code floor(fee * txFeeStakersBps / 10000)}. */
  public Amount txFeeStakersShare(Amount fee) {
    return fee.mulDiv(txFeeStakersBps, FeeSplit.TOTAL_BPS);
  }

  public void encode(CanonicalWriter w) {
    inferenceFeeSplit.encode(w);
    w.varint(txFeeStakersBps);
  }

  public static BankParams decode(CanonicalReader r) throws DecodeException {
    return new BankParams(FeeSplit.decode(r), FeeSplit.bps(r, "txFeeStakersBps"));
  }
}
