package dev.openledger.ledger.exec;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateOverlay;
import java.util.ArrayList;
import java.util.List;

/**
 * What a message handler works with: the block, the transaction's sender and hash, the state to
 * change (buffered: discarded if the handler fails) and a sink for events.
 */
public final class TxContext {
  private final BlockContext block;
  private final Hash txHash;
  private final Address sender;
  private final State state;
  private final Router router;
  private final List<Event> events = new ArrayList<>();

  TxContext(BlockContext block, Hash txHash, Address sender, State state, Router router) {
    this.block = block;
    this.txHash = txHash;
    this.sender = sender;
    this.state = state;
    this.router = router;
  }

  public BlockContext block() {
    return block;
  }

  public Hash txHash() {
    return txHash;
  }

  /** The signer of the transaction. */
  public Address sender() {
    return sender;
  }

  public State state() {
    return state;
  }

  /** Records an event; kept only if the handler succeeds. */
  public void emit(Event event) {
    events.add(event);
  }

  List<Event> events() {
    return events;
  }

  /**
   * Runs {@code message} through its module's handler as if {@code sender} had sent it, on {@code
   * target} (Cosmos SDK gov v1 executes proposal messages this way, with the gov module account as
   * signer). On success the message's writes are applied to {@code target} and its events returned;
   * on failure {@code target} is unchanged. Only trusted module code calls this: the governance
   * module executing a passed proposal, with {@link Authority#GOVERNANCE} as sender.
   */
  public Result<List<Event>> dispatch(Address sender, State target, Message message) {
    StateOverlay overlay = new StateOverlay(target);
    TxContext child = new TxContext(block, txHash, sender, overlay, router);
    Result<Done> r = router.route(child, message);
    if (r instanceof Result.Err<Done> err) {
      return Result.err(err.code(), err.message());
    }
    overlay.commitTo(target);
    return Result.ok(List.copyOf(child.events));
  }

  /** Finds a message's handler and applies it (the state machine). */
  @FunctionalInterface
  interface Router {
    Result<Done> route(TxContext ctx, Message message);
  }
}
