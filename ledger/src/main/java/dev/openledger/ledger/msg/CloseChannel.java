package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * The payer starts closing a channel: the provider stops serving it at once and has the parameter
 * {@code closeTimeoutSeconds} to settle its last receipts; then the payer may {@link
 * WithdrawChannel withdraw} what is left.
 *
 * @param channel the channel id
 */
public record CloseChannel(Hash channel) implements PaymentMsg {
  public static final MessageType<CloseChannel> TYPE =
      new MessageType<>(0x0603, "payment/close", CloseChannel.class, CloseChannel::decode);

  public CloseChannel {
    Objects.requireNonNull(channel, "channel");
  }

  @Override
  public MessageType<CloseChannel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(channel);
  }

  private static CloseChannel decode(CanonicalReader r) throws DecodeException {
    return new CloseChannel(r.hash("channel"));
  }
}
