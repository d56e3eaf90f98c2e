package dev.openledger.ledger.msg;

import java.util.List;

/**
 * Messages of the {@code cluster} module: changes of a replicated chain's validator set, which only a
 * governance proposal may make.
 */
public sealed interface ClusterMsg extends Message permits AddValidator, RemoveValidator {

  /** Every cluster message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(AddValidator.TYPE, RemoveValidator.TYPE);
  }
}
