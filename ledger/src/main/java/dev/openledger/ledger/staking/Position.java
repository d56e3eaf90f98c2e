package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * An active stake (OpenLedger's {@code Stake}). Its rate and lock are copied from the pool when it
 * starts or is topped up, so later pool changes do not act retroactively.
 *
 * @param id the position id
 * @param owner who staked, and who is paid
 * @param pool the pool id
 * @param purpose the role it backs
 * @param principal staked OPEN, including interest realised by top-ups
 * @param startMillis when interest started accruing (the stake or its last top-up)
 * @param annualRateBps the rate it earns
 * @param lockMillis how long after {@code startMillis} it stays locked; 0 = flexible
 * @param createdHeight the block that opened it (slashing spares stakes opened after an infraction)
 */
public record Position(
    long id,
    Address owner,
    long pool,
    Purpose purpose,
    Amount principal,
    long startMillis,
    int annualRateBps,
    long lockMillis,
    long createdHeight) {
  public Position {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(principal, "principal");
  }

  /**
   * Principal plus interest at {@code nowMillis}; the elapsed time is capped at the lock for locked
   * stakes.
   */
  public Amount value(long nowMillis) {
    long elapsed = Math.max(0, nowMillis - startMillis);
    if (lockMillis > 0) {
      elapsed = Math.min(elapsed, lockMillis);
    }
    return Interest.accrue(principal, annualRateBps, elapsed);
  }

  /** When the lock ends (the start, for a flexible stake). */
  public long lockEndMillis() {
    return startMillis + lockMillis;
  }

  /** True while a locked stake cannot be unstaked. */
  public boolean lockedAt(long nowMillis) {
    return lockMillis > 0 && nowMillis < lockEndMillis();
  }

  Position with(Amount newPrincipal, long newStart, int newRate, long newLock) {
    return new Position(
        id, owner, pool, purpose, newPrincipal, newStart, newRate, newLock, createdHeight);
  }

  Position withPrincipal(Amount newPrincipal) {
    return with(newPrincipal, startMillis, annualRateBps, lockMillis);
  }

  byte[] encode() {
    return new CanonicalWriter(80)
        .varint(id)
        .address(owner)
        .varint(pool)
        .u8(purpose.code())
        .amount(principal)
        .varint(startMillis)
        .varint(annualRateBps)
        .varint(lockMillis)
        .varint(createdHeight)
        .toByteArray();
  }

  static Position decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Position p =
        new Position(
            r.varint("id"),
            r.address("owner"),
            r.varint("pool"),
            Purpose.decode(r),
            r.amount("principal"),
            r.varint("start"),
            (int) r.varint("rate", PoolConfig.MAX_RATE_BPS),
            r.varint("lock"),
            r.varint("createdHeight"));
    r.finish();
    return p;
  }
}
