package dev.openledger.ledger.exec;

import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.util.List;

/**
 * A part of the state machine (Cosmos SDK style): it owns a state namespace, handles its message
 * types, initialises its state from genesis and may act at the start and end of every block
 * (deadlines, interest, vesting). Modules talk to each other through keeper objects (e.g. the
 * bank's {@code Accounts}), never by writing each other's keys.
 */
public interface LedgerModule {

  /** The module's name, also its namespace. */
  default String name() {
    return namespace().name();
  }

  Namespace namespace();

  /** The message types this module handles, one handler each. */
  List<MessageHandler<?>> handlers();

  /**
   * Writes the module's initial state from genesis (its allocations or its {@code modules}
   * section).
   */
  void initGenesis(Genesis genesis, State state);

  /** Runs before the block's transactions. */
  default void beginBlock(HookContext ctx) {}

  /** Runs after the block's transactions. */
  default void endBlock(HookContext ctx) {}

  /**
   * Checks the module's invariants over a committed state and describes every violation (empty when
   * all hold). Used by tests and the chain verifier, never during execution.
   */
  default List<String> checkInvariants(StateReader state) {
    return List.of();
  }
}
