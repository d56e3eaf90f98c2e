package dev.openledger.ledger.exec;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;

/**
 * The governance authority: the keyless module account {@code Address.module("gov")}. No key
 * controls it, so a message can only carry it as its sender when the governance module executes a
 * proposal that passed (see {@link TxContext#dispatch}). Messages that change parameters, spend
 * from the treasury or decide on models check {@link #requireGovernance}.
 */
public final class Authority {
  /** The module name whose module account is the authority. */
  public static final String GOVERNANCE_NAME = "gov";

  /** The sender of every message a passed proposal executes. */
  public static final Address GOVERNANCE = Address.module(GOVERNANCE_NAME);

  private Authority() {}

  /** Ok when the message's sender is the governance authority, else {@code unauthorized}. */
  public static Result<Done> requireGovernance(TxContext ctx, String action) {
    if (ctx.sender().equals(GOVERNANCE)) {
      return Result.ok(Done.DONE);
    }
    return Result.err(
        "unauthorized",
        action
            + " needs the governance authority "
            + GOVERNANCE
            + " as sender (a proposal that passed); "
            + ctx.sender()
            + " is not");
  }
}
