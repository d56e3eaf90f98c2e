package dev.openledger.openlora.metering;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.openlora.chain.EscrowAccount;

/**
 * What a batch settles on one payment channel: receipts {@code firstNonce..lastNonce}, whose
 * charges add up to {@code amount} and bring the channel's cumulative charge from {@code
 * cumulativeBefore} to {@code cumulativeAfter}.
 */
public record ChannelSettlement(
    Hash channel,
    Address payer,
    long firstNonce,
    long lastNonce,
    Amount cumulativeBefore,
    Amount cumulativeAfter,
    Amount amount) {

  public ChannelSettlement {
    if (firstNonce < 1 || lastNonce < firstNonce) {
      throw new IllegalArgumentException(
          "nonces " + firstNonce + ".." + lastNonce + " are not a range");
    }
    if (!cumulativeBefore.plus(amount).equals(cumulativeAfter)) {
      throw new IllegalArgumentException("cumulative charge does not add up");
    }
  }

  /**
   * The check settlement makes against the channel's on-chain state: the batch continues exactly
   * where the last settlement stopped and stays within the deposit. Returns the amount to move out
   * of escrow.
   */
  public Result<Amount> checkAgainst(EscrowAccount onChain) {
    if (!onChain.id().equals(channel)) {
      return Result.err(
          "wrong_channel",
          "settlement is for channel " + channel.shortHex() + ", not " + onChain.id().shortHex());
    }
    if (firstNonce != onChain.settledNonce() + 1) {
      return Result.err(
          "nonce_gap",
          "receipts start at nonce "
              + firstNonce
              + " but the channel settled up to "
              + onChain.settledNonce());
    }
    if (!cumulativeBefore.equals(onChain.settledCharged())) {
      return Result.err(
          "cumulative_mismatch",
          "receipts continue from a cumulative charge of "
              + cumulativeBefore
              + " but the channel settled "
              + onChain.settledCharged());
    }
    if (onChain.deposit().isLessThan(cumulativeAfter)) {
      return Result.err(
          "over_deposit",
          "receipts charge "
              + cumulativeAfter
              + " in all, more than the deposit of "
              + onChain.deposit());
    }
    return Result.ok(amount);
  }
}
