package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Executes a Queued proposal whose timelock has passed: its messages run in order with the
 * governance authority as sender, all or nothing. When one fails, nothing changes except that the
 * proposal records the failure (it stays Queued and may be executed again until it expires). Anyone
 * may send it.
 *
 * @param proposal the proposal id
 */
public record Execute(long proposal) implements GovMsg {
  public static final MessageType<Execute> TYPE =
      new MessageType<>(0x0304, "gov/execute", Execute.class, Execute::decode);

  public Execute {
    Ids.requireId(proposal, "proposal");
  }

  @Override
  public MessageType<Execute> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(proposal);
  }

  private static Execute decode(CanonicalReader r) throws DecodeException {
    return new Execute(r.varint("proposal"));
  }
}
