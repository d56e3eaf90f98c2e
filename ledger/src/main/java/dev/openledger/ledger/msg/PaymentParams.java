package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The payment module's parameters: set in genesis ({@code modules.payment}), changed only by {@link
 * UpdatePaymentParams} from {@code authority}.
 *
 * @param authority the account that may change these parameters (the governance module account)
 * @param closeTimeoutSeconds how long after a payer starts closing a channel its provider may still
 *     settle receipts on it, before the payer may withdraw what is left (1 second to 30 days)
 * @param minDeposit the smallest deposit that opens a channel (keeps dust channels out of the
 *     state)
 * @param maxKeysPerAccount how many API keys one account may bind (1 to 1024)
 */
public record PaymentParams(
    Address authority, long closeTimeoutSeconds, Amount minDeposit, int maxKeysPerAccount) {
  public static final long MAX_CLOSE_TIMEOUT_SECONDS = 30L * 24 * 3600;

  public PaymentParams {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(minDeposit, "minDeposit");
    if (closeTimeoutSeconds < 1 || closeTimeoutSeconds > MAX_CLOSE_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "closeTimeoutSeconds must be within [1, "
              + MAX_CLOSE_TIMEOUT_SECONDS
              + "], got "
              + closeTimeoutSeconds);
    }
    if (Amount.MAX_SUPPLY.isLessThan(minDeposit)) {
      throw new IllegalArgumentException("minDeposit exceeds the total supply");
    }
    if (maxKeysPerAccount < 1 || maxKeysPerAccount > 1024) {
      throw new IllegalArgumentException(
          "maxKeysPerAccount must be within [1, 1024], got " + maxKeysPerAccount);
    }
  }

  /** A day to settle after a close starts, deposits of at least 0.001 OPEN, 32 keys per account. */
  public static PaymentParams defaults(Address authority) {
    return new PaymentParams(authority, 86_400, Amount.parse("0.001"), 32);
  }

  /** The devnet's values: as {@link #defaults} but a minute to settle after a close starts. */
  public static PaymentParams devnet(Address authority) {
    return new PaymentParams(authority, 60, Amount.parse("0.001"), 32);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(48);
    encode(w);
    return w.toByteArray();
  }

  void encode(CanonicalWriter w) {
    w.address(authority).varint(closeTimeoutSeconds).amount(minDeposit).varint(maxKeysPerAccount);
  }

  public static PaymentParams decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    PaymentParams p = decode(r);
    r.finish();
    return p;
  }

  static PaymentParams decode(CanonicalReader r) throws DecodeException {
    return new PaymentParams(
        r.address("authority"),
        r.varint("closeTimeoutSeconds", MAX_CLOSE_TIMEOUT_SECONDS),
        r.amount("minDeposit"),
        (int) r.varint("maxKeysPerAccount", 1024));
  }
}
