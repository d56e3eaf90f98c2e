package dev.openledger.ledger.exec;

import dev.openledger.core.Result;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.List;

/**
 * The checks and charges before a message runs (the name follows the Cosmos SDK): the nonce must be
 * the sender's next one and the sender must be able to pay the fee. On success the fee is charged
 * and the nonce consumed, and the transaction will be included whatever its message does; on
 * failure it is dropped (not included, nothing charged).
 */
public interface AnteHandler {

  /**
   * Checks and charges. An error's code is a {@link dev.openledger.ledger.tx.Rejection} code
   * ({@code bad_nonce}, {@code insufficient_funds}); the success value is the events of the charge.
   */
  Result<List<Event>> checkAndCharge(BlockContext ctx, State state, VerifiedTransaction tx);
}
