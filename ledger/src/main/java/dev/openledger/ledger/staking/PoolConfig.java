package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A staking pool's terms, after OpenLedger's {@code StakeConfig}: a lock duration (0 = flexible), a
 * cooldown between the unstake request and the payout, per-owner minimum and maximum stake, and an
 * annual interest rate compounded continuously ({@code principal * exp(rate * elapsed / 365 days)},
 * elapsed capped at the lock duration for locked pools).
 *
 * @param name a short label, {@code [a-z0-9-]{1,32}}
 * @param annualRateBps yearly interest rate in basis points, within [0, 10000] (0-100%)
 * @param lockSeconds how long a stake is locked after it starts (a top-up restarts it); 0 =
 *     flexible
 * @param cooldownSeconds delay between an unstake request and the withdrawal; 0 pays at once
 * @param minStake the least one owner may have staked in the pool
 * @param maxStake the most one owner may have staked in the pool
 * @param active whether new stakes are accepted
 * @param topUpEnabled whether existing stakes may be topped up
 */
public record PoolConfig(
    String name,
    int annualRateBps,
    long lockSeconds,
    long cooldownSeconds,
    Amount minStake,
    Amount maxStake,
    boolean active,
    boolean topUpEnabled) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

  /** No duration may exceed 100 years. */
  public static final long MAX_SECONDS = 100L * 365 * 24 * 3600;

  public static final int MAX_RATE_BPS = 10_000;

  public PoolConfig {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pool name must match " + NAME.pattern() + ", got '" + name + "'");
    }
    if (annualRateBps < 0 || annualRateBps > MAX_RATE_BPS) {
      throw new IllegalArgumentException(
          "annualRateBps must be within [0, 10000], got " + annualRateBps);
    }
    if (lockSeconds < 0
        || lockSeconds > MAX_SECONDS
        || cooldownSeconds < 0
        || cooldownSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "lockSeconds and cooldownSeconds must be within [0, " + MAX_SECONDS + "]");
    }
    Objects.requireNonNull(minStake, "minStake");
    Objects.requireNonNull(maxStake, "maxStake");
    if (minStake.isZero()
        || maxStake.isLessThan(minStake)
        || Amount.MAX_SUPPLY.isLessThan(maxStake)) {
      throw new IllegalArgumentException(
          "pool stake bounds need 0 < minStake <= maxStake <= the total supply, got "
              + minStake
              + " and "
              + maxStake);
    }
  }

  /** True for a pool without a lock: the stake can be unstaked any time (after the cooldown). */
  public boolean flexible() {
    return lockSeconds == 0;
  }

  public void encode(CanonicalWriter w) {
    w.string(name)
        .varint(annualRateBps)
        .varint(lockSeconds)
        .varint(cooldownSeconds)
        .amount(minStake)
        .amount(maxStake)
        .bool(active)
        .bool(topUpEnabled);
  }

  public static PoolConfig decode(CanonicalReader r) throws DecodeException {
    return new PoolConfig(
        r.string("name", 32),
        (int) r.varint("annualRateBps", MAX_RATE_BPS),
        r.varint("lockSeconds", MAX_SECONDS),
        r.varint("cooldownSeconds", MAX_SECONDS),
        r.amount("minStake"),
        r.amount("maxStake"),
        r.bool("active"),
        r.bool("topUpEnabled"));
  }
}
