package dev.openledger.ledger.exec;

import dev.openledger.core.Result;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.MessageCodec;
import dev.openledger.ledger.msg.MessageType;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateOverlay;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registered modules and the application of one transaction: ante checks and charges, then the
 * message's handler in its own overlay, kept on success and discarded on failure.
 */
public final class StateMachine {
  private final AnteHandler ante;
  private final List<LedgerModule> modules;
  private final Map<MessageType<?>, MessageHandler<?>> handlers = new HashMap<>();

  /**
   * Registers modules. Fails when two modules share a namespace, a message type has two handlers,
   * or a registered message type has none.
   */
  public StateMachine(AnteHandler ante, List<LedgerModule> modules) {
    this.ante = Objects.requireNonNull(ante, "ante");
    this.modules = List.copyOf(modules);
    Set<String> names = new HashSet<>();
    for (LedgerModule m : this.modules) {
      if (!names.add(m.namespace().name())) {
        throw new IllegalArgumentException(
            "two modules use namespace '" + m.namespace().name() + "'");
      }
      for (MessageHandler<?> h : m.handlers()) {
        if (handlers.put(h.type(), h) != null) {
          throw new IllegalArgumentException(
              "message type " + h.type().name() + " has two handlers");
        }
      }
    }
    for (MessageType<?> t : MessageCodec.all()) {
      if (!handlers.containsKey(t)) {
        throw new IllegalArgumentException("no module handles message type " + t.name());
      }
    }
  }

  public List<LedgerModule> modules() {
    return modules;
  }

  /** Writes every module's genesis state, in module order. */
  public void initGenesis(Genesis genesis, State state) {
    for (LedgerModule m : modules) {
      m.initGenesis(genesis, state);
    }
  }

  public void beginBlock(HookContext ctx) {
    for (LedgerModule m : modules) {
      m.beginBlock(ctx);
    }
  }

  public void endBlock(HookContext ctx) {
    for (LedgerModule m : modules) {
      m.endBlock(ctx);
    }
  }

  /**
   * Applies one transaction to the block's state.
   *
   * @throws TxExecutionException when a module throws (a bug); the block state is then unusable
   */
  public TxResult deliver(BlockContext ctx, State blockState, VerifiedTransaction tx) {
    try {
      Result<List<Event>> charged = ante.checkAndCharge(ctx, blockState, tx);
      if (charged instanceof Result.Err<List<Event>> err) {
        return new TxResult.Dropped(tx, err.code(), err.message());
      }
      List<Event> events = new ArrayList<>(charged.orElseThrow());
      StateOverlay messageState = new StateOverlay(blockState);
      TxContext txCtx = new TxContext(ctx, tx.hash(), tx.sender(), messageState, this::route);
      Result<Done> outcome = route(txCtx, tx.body().message());
      if (outcome instanceof Result.Err<Done> err) {
        return new TxResult.Included(
            tx, new Receipt(tx.hash(), err.code(), err.message(), tx.body().fee(), events));
      }
      messageState.commitTo(blockState);
      events.addAll(txCtx.events());
      return new TxResult.Included(
          tx, new Receipt(tx.hash(), Receipt.OK, "", tx.body().fee(), events));
    } catch (RuntimeException e) {
      throw new TxExecutionException(tx.hash(), e);
    }
  }

  private Result<Done> route(TxContext ctx, Message message) {
    return handlers.get(message.type()).apply(ctx, message);
  }

  /** Every module's invariant violations over a committed state. */
  public List<String> checkInvariants(StateReader state) {
    List<String> out = new ArrayList<>();
    for (LedgerModule m : modules) {
      for (String v : m.checkInvariants(state)) {
        out.add(m.name() + ": " + v);
      }
    }
    return out;
  }
}
