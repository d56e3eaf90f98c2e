package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The sender (the payer) escrows {@code deposit} for requests served by {@code provider}. A payer
 * has at most one open channel per provider; more OPEN goes in with {@link TopUpChannel}.
 *
 * @param provider the serving provider who may charge the channel by settling signed usage receipts
 * @param deposit the OPEN moved from the sender into the payment escrow
 */
public record OpenPaymentChannel(Address provider, Amount deposit) implements PaymentMsg {
  public static final MessageType<OpenPaymentChannel> TYPE =
      new MessageType<>(
          0x0601, "payment/open", OpenPaymentChannel.class, OpenPaymentChannel::decode);

  public OpenPaymentChannel {
    Objects.requireNonNull(provider, "provider");
    Amounts.requirePositiveWithinSupply(deposit, "deposit");
  }

  @Override
  public MessageType<OpenPaymentChannel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.address(provider).amount(deposit);
  }

  private static OpenPaymentChannel decode(CanonicalReader r) throws DecodeException {
    return new OpenPaymentChannel(r.address("provider"), r.amount("deposit"));
  }
}
