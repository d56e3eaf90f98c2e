package dev.openledger.ledger.exec;

import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.state.State;
import java.util.List;

/**
 * What a begin- or end-block hook works with: the block, the state, and a sink for block-level
 * events (they are stored with the block's receipts and covered by its receipt root).
 *
 * @param block the block
 * @param state the block's state
 * @param events the block's events so far; hooks append
 */
public record HookContext(BlockContext block, State state, List<Event> events) {
  public void emit(Event event) {
    events.add(event);
  }
}
