package dev.openledger.ledger.bank;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * A genesis allocation that vests: {@code total} held in the {@code vesting} module account, of
 * which {@code released} has been paid to {@code owner}. Stored at {@code bank/v<owner>}.
 *
 * <pre>
 * vested(t) = 0                                            t &lt; cliff
 *           = floor(total * (t - cliff) / (end - cliff))   cliff &lt;= t &lt; end
 *           = total                                        t &gt;= end
 * </pre>
 *
 * @param owner who receives it
 * @param total the allocation
 * @param released paid out so far
 * @param startMillis the genesis time
 * @param cliffMillis when release starts
 * @param endMillis when everything has vested
 */
public record VestingSchedule(
    Address owner,
    Amount total,
    Amount released,
    long startMillis,
    long cliffMillis,
    long endMillis) {
  public VestingSchedule {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(released, "released");
    if (total.isLessThan(released)) {
      throw new IllegalArgumentException("released " + released + " exceeds the total " + total);
    }
    if (cliffMillis < startMillis || endMillis < cliffMillis) {
      throw new IllegalArgumentException("a vesting schedule needs start <= cliff <= end");
    }
  }

  /** What has vested at {@code timeMillis}. */
  public Amount vested(long timeMillis) {
    if (timeMillis < cliffMillis) {
      return Amount.ZERO;
    }
    if (timeMillis >= endMillis) {
      return total;
    }
    return total.mulDiv(timeMillis - cliffMillis, endMillis - cliffMillis);
  }

  /** What is still locked at {@code timeMillis}. */
  public Amount locked(long timeMillis) {
    return total.minus(vested(timeMillis));
  }

  /** Vested but not yet released. */
  public Amount due(long timeMillis) {
    return vested(timeMillis).minus(released);
  }

  /** Still held in the vesting account. */
  public Amount held() {
    return total.minus(released);
  }

  VestingSchedule withReleased(Amount r) {
    return new VestingSchedule(owner, total, r, startMillis, cliffMillis, endMillis);
  }

  byte[] encode() {
    return new CanonicalWriter(64)
        .address(owner)
        .amount(total)
        .amount(released)
        .varint(startMillis)
        .varint(cliffMillis)
        .varint(endMillis)
        .toByteArray();
  }

  static VestingSchedule decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    VestingSchedule s =
        new VestingSchedule(
            r.address("owner"),
            r.amount("total"),
            r.amount("released"),
            r.varint("start"),
            r.varint("cliff"),
            r.varint("end"));
    r.finish();
    return s;
  }
}
