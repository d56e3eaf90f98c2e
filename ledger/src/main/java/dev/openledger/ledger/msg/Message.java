package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalWriter;

/**
 * What a transaction asks the chain to do. Closed: a ledger module adds its messages by adding its sealed
 * sub-interface to {@code permits} and its types to {@link MessageCodec}.
 */
public sealed interface Message permits BankMsg, StakingMsg, GovMsg, DatanetMsg, ModelMsg, PaymentMsg, AttributionMsg, ClusterMsg {

  /** The message's type: its stable tag, name and decoder. */
  MessageType<?> type();

  /** Writes the fields after the tag, in the canonical encoding. */
  void encodeBody(CanonicalWriter w);
}
