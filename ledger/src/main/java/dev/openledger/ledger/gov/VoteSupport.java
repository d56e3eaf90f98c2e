package dev.openledger.ledger.gov;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.DecodeException;

/**
 * A vote's side, in OpenZeppelin {@code GovernorCountingSimple} order: Against = 0, For = 1,
 * Abstain = 2.
 */
public enum VoteSupport {
  AGAINST,
  FOR,
  ABSTAIN;

  public static VoteSupport decode(CanonicalReader r) throws DecodeException {
    int c = r.u8("support");
    if (c >= values().length) {
      throw new DecodeException("support: unknown code " + c + " (0 against, 1 for, 2 abstain)");
    }
    return values()[c];
  }
}
