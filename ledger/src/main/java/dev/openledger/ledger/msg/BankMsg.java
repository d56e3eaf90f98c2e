package dev.openledger.ledger.msg;

import java.util.List;

/** Messages of the bank module: moving and burning OPEN, governed spends and parameters. */
public sealed interface BankMsg extends Message permits Transfer, Burn, UpdateBankParams, Spend {

  /** Every bank message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(Transfer.TYPE, Burn.TYPE, UpdateBankParams.TYPE, Spend.TYPE);
  }
}
