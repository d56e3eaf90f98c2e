package dev.openledger.core.receipt;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;

/**
 * What one served request cost, as the provider signs it.
 *
 * @param channel the id of the payment channel charged (the ledger payment module's channel id)
 * @param nonce position of this receipt in the channel: the previous receipt's nonce + 1, starting
 *     at 1
 * @param requestId the response id the caller saw ({@code cmpl-…} / {@code chatcmpl-…})
 * @param model the model name
 * @param adapterHash content hash of the adapter that served it
 * @param caller the paying account
 * @param provider the serving provider's account (the signer)
 * @param promptTokens prompt tokens processed
 * @param completionTokens tokens generated
 * @param pricePerToken price of one token
 * @param charge {@code (promptTokens + completionTokens) · pricePerToken}
 * @param cumulativeCharged the channel's total charge including this receipt
 */
public record UsageReceipt(
    Hash channel,
    long nonce,
    String requestId,
    String model,
    Hash adapterHash,
    Address caller,
    Address provider,
    int promptTokens,
    int completionTokens,
    Amount pricePerToken,
    Amount charge,
    Amount cumulativeCharged) {

  /**
   * Domain tag of the signed bytes, so a receipt signature can never be replayed as anything else.
   */
  public static final String DOMAIN = "openledger/usage-receipt/v1";

  private static final int MAX_TEXT = 256;

  public UsageReceipt {
    if (channel == null
        || requestId == null
        || model == null
        || adapterHash == null
        || caller == null
        || provider == null
        || pricePerToken == null
        || charge == null
        || cumulativeCharged == null) {
      throw new IllegalArgumentException("every receipt field is required");
    }
    if (nonce < 1) {
      throw new IllegalArgumentException("receipt nonces start at 1, got " + nonce);
    }
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
    if (requestId.isEmpty()
        || requestId.length() > MAX_TEXT
        || model.isEmpty()
        || model.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "request id and model must be 1-" + MAX_TEXT + " characters");
    }
    if (!charge.equals(pricePerToken.times((long) promptTokens + completionTokens))) {
      throw new IllegalArgumentException(
          "charge " + charge + " is not (prompt + completion tokens) x price");
    }
    if (cumulativeCharged.isLessThan(charge)) {
      throw new IllegalArgumentException(
          "cumulative charge " + cumulativeCharged + " is below this receipt's charge " + charge);
    }
  }

  /** Total tokens charged. */
  public long totalTokens() {
    return (long) promptTokens + completionTokens;
  }

  /** The canonical encoding (the signed message is {@link #DOMAIN} followed by it). */
  public byte[] encode() {
    return write(new CanonicalWriter()).toByteArray();
  }

  CanonicalWriter write(CanonicalWriter w) {
    return w.hash(channel)
        .i64(nonce)
        .string(requestId)
        .string(model)
        .hash(adapterHash)
        .address(caller)
        .address(provider)
        .u32(promptTokens)
        .u32(completionTokens)
        .amount(pricePerToken)
        .amount(charge)
        .amount(cumulativeCharged);
  }

  static UsageReceipt read(CanonicalReader r) throws DecodeException {
    try {
      return new UsageReceipt(
          r.hash("channel"),
          r.i64("nonce"),
          r.string("request_id", MAX_TEXT * 4),
          r.string("model", MAX_TEXT * 4),
          r.hash("adapter_hash"),
          r.address("caller"),
          r.address("provider"),
          toInt(r.u32("prompt_tokens")),
          toInt(r.u32("completion_tokens")),
          r.amount("price_per_token"),
          r.amount("charge"),
          r.amount("cumulative_charged"));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException("receipt: " + e.getMessage());
    }
  }

  private static int toInt(long v) throws DecodeException {
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException("token count " + v + " is too large");
    }
    return (int) v;
  }

  /** The bytes the provider signs: the domain tag, then the canonical encoding. */
  public byte[] signingBytes() {
    return write(new CanonicalWriter().string(DOMAIN)).toByteArray();
  }
}
