package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.state.State;
import java.util.ArrayList;
import java.util.List;

/**
 * What a message handler works with: the block, the transaction's sender and hash, the state to change
 * (buffered: discarded if the handler fails) and a sink for events.
 */
public final class TxContext {
  private final BlockContext block;
  private final Hash txHash;
  private final Address sender;
  private final State state;
  private final List<Event> events = new ArrayList<>();

  TxContext(BlockContext block, Hash txHash, Address sender, State state) {
    this.block = block;
    this.txHash = txHash;
    this.sender = sender;
    this.state = state;
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
}
