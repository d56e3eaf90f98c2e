package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The sender pays a datanet's access fee and gains access to train on it. {@code amount} must equal
 * the datanet's fee: the sender states what it agrees to pay.
 */
public record PayAccessFee(Hash datanetId, Amount amount) implements DatanetMsg {
  public static final MessageType<PayAccessFee> TYPE =
      new MessageType<>(0x0409, "datanet/pay_access", PayAccessFee.class, PayAccessFee::decode);

  public PayAccessFee {
    Objects.requireNonNull(datanetId, "datanetId");
    Amounts.requirePositiveWithinSupply(amount, "access fee");
  }

  @Override
  public MessageType<PayAccessFee> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).amount(amount);
  }

  private static PayAccessFee decode(CanonicalReader r) throws DecodeException {
    return new PayAccessFee(r.hash("datanetId"), r.amount("amount"));
  }
}
