package dev.openledger.ledger.msg;

import java.util.List;

/** Messages of the bank module: moving and burning OPEN. */
public sealed interface BankMsg extends Message permits Transfer, Burn {

  /** Every bank message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(Transfer.TYPE, Burn.TYPE);
  }
}
