package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * A suspended role: its stakes do not count for the role until {@code untilMillis}, or ever when
 * tombstoned (a double sign, as in Cosmos SDK slashing).
 *
 * @param untilMillis when the owner may unjail
 * @param tombstoned jailed for good
 */
public record Jail(long untilMillis, boolean tombstoned) {
  /** True while the role is suspended. */
  public boolean activeAt(long nowMillis) {
    return tombstoned || nowMillis < untilMillis;
  }

  byte[] encode() {
    return new CanonicalWriter(12).varint(untilMillis).bool(tombstoned).toByteArray();
  }

  static Jail decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Jail j = new Jail(r.varint("until"), r.bool("tombstoned"));
    r.finish();
    return j;
  }
}
