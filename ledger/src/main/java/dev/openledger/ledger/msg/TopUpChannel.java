package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The payer adds {@code amount} to an open channel's deposit.
 *
 * @param channel the channel id
 * @param amount OPEN moved from the sender into the escrow
 */
public record TopUpChannel(Hash channel, Amount amount) implements PaymentMsg {
  public static final MessageType<TopUpChannel> TYPE =
      new MessageType<>(0x0602, "payment/topup", TopUpChannel.class, TopUpChannel::decode);

  public TopUpChannel {
    Objects.requireNonNull(channel, "channel");
    Amounts.requirePositiveWithinSupply(amount, "amount");
  }

  @Override
  public MessageType<TopUpChannel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(channel).amount(amount);
  }

  private static TopUpChannel decode(CanonicalReader r) throws DecodeException {
    return new TopUpChannel(r.hash("channel"), r.amount("amount"));
  }
}
