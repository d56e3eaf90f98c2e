package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Cancels a proposal while it is still Pending; only its proposer may (OpenZeppelin v5 {@code
 * cancel}).
 *
 * @param proposal the proposal id
 */
public record Cancel(long proposal) implements GovMsg {
  public static final MessageType<Cancel> TYPE =
      new MessageType<>(0x0305, "gov/cancel", Cancel.class, Cancel::decode);

  public Cancel {
    Ids.requireId(proposal, "proposal");
  }

  @Override
  public MessageType<Cancel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(proposal);
  }

  private static Cancel decode(CanonicalReader r) throws DecodeException {
    return new Cancel(r.varint("proposal"));
  }
}
