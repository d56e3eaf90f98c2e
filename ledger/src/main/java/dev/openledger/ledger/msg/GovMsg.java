package dev.openledger.ledger.msg;

import java.util.List;

/** Messages of the governance module: the proposal lifecycle and its own parameters. */
public sealed interface GovMsg extends Message
    permits Propose, Vote, Queue, Execute, Cancel, UpdateGovParams {

  /** Every governance message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(
        Propose.TYPE, Vote.TYPE, Queue.TYPE, Execute.TYPE, Cancel.TYPE, UpdateGovParams.TYPE);
  }
}
