package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.DecodeException;

/**
 * Why OPEN is staked: the role the stake backs. Other modules ask for the stake behind a role
 * ({@link StakingModule#roleStake}); slashing takes from the stakes of the role that misbehaved.
 */
public enum Purpose {
  /** Staking for interest and voting power only. */
  GENERAL,
  /** Runs a replica of the chain; slashed for double-signing and divergent state roots. */
  VALIDATOR,
  /** Approves contributions to a datanet; slashed when approved data is proven invalid. */
  CURATOR,
  /** Contributes data to a datanet that asks contributors to stake. */
  CONTRIBUTOR,
  /** Serves inference; slashed when an attribution audit of its results fails. */
  PROVIDER;

  public int code() {
    return ordinal();
  }

  public static Purpose decode(CanonicalReader r) throws DecodeException {
    int c = r.u8("purpose");
    if (c >= values().length) {
      throw new DecodeException("purpose: unknown code " + c);
    }
    return values()[c];
  }
}
