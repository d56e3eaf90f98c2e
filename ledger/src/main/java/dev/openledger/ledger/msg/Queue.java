package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Queues a Succeeded proposal: it becomes executable once the timelock has passed (OpenZeppelin
 * {@code queue}). Anyone may send it.
 *
 * @param proposal the proposal id
 */
public record Queue(long proposal) implements GovMsg {
  public static final MessageType<Queue> TYPE =
      new MessageType<>(0x0303, "gov/queue", Queue.class, Queue::decode);

  public Queue {
    Ids.requireId(proposal, "proposal");
  }

  @Override
  public MessageType<Queue> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(proposal);
  }

  private static Queue decode(CanonicalReader r) throws DecodeException {
    return new Queue(r.varint("proposal"));
  }
}
