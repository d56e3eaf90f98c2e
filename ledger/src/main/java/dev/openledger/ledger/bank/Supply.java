package dev.openledger.ledger.bank;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The supply record, at {@code bank/s}.
 *
 * @param initial the genesis total supply
 * @param burned everything burned since
 */
public record Supply(Amount initial, Amount burned) {
  public Supply {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(burned, "burned");
    if (initial.isLessThan(burned)) {
      throw new IllegalArgumentException("burned " + burned + " exceeds initial supply " + initial);
    }
  }

  /** What exists now: initial minus burned. */
  public Amount total() {
    return initial.minus(burned);
  }

  byte[] encode() {
    return new CanonicalWriter(20).amount(initial).amount(burned).toByteArray();
  }

  static Supply decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    Supply s = new Supply(r.amount("initial"), r.amount("burned"));
    r.finish();
    return s;
  }
}
