package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * After a channel's close timeout the payer takes back what settlements did not charge; the channel
 * is closed for good (receipts on it can no longer be settled).
 *
 * @param channel the channel id
 */
public record WithdrawChannel(Hash channel) implements PaymentMsg {
  public static final MessageType<WithdrawChannel> TYPE =
      new MessageType<>(0x0604, "payment/withdraw", WithdrawChannel.class, WithdrawChannel::decode);

  public WithdrawChannel {
    Objects.requireNonNull(channel, "channel");
  }

  @Override
  public MessageType<WithdrawChannel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(channel);
  }

  private static WithdrawChannel decode(CanonicalReader r) throws DecodeException {
    return new WithdrawChannel(r.hash("channel"));
  }
}
