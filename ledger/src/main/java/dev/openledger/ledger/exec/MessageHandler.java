package dev.openledger.ledger.exec;

import dev.openledger.core.Result;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.MessageType;
import java.util.Objects;

/**
 * A module's handler for one message type.
 *
 * @param type the message type handled
 * @param handler applies the message; returns an error (code, message) to fail it without side
 *     effects
 * @param <M> the message record
 */
public record MessageHandler<M extends Message>(MessageType<M> type, Handler<M> handler) {
  public MessageHandler {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
  }

  Result<Done> apply(TxContext ctx, Message message) {
    return handler.handle(ctx, type.javaType().cast(message));
  }

  /** The handler function. */
  @FunctionalInterface
  public interface Handler<M> {
    Result<Done> handle(TxContext ctx, M message);
  }
}
