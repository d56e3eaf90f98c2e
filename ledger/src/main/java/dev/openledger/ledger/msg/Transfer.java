package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * Moves {@code amount} from the transaction's sender to {@code to}.
 *
 * @param to the recipient (any address, including module accounts such as the treasury)
 * @param amount positive, and no more than the whole supply
 */
public record Transfer(Address to, Amount amount) implements BankMsg {
  public static final MessageType<Transfer> TYPE =
      new MessageType<>(0x0101, "bank/transfer", Transfer.class, Transfer::decode);

  public Transfer {
    Objects.requireNonNull(to, "to");
    Amounts.requirePositiveWithinSupply(amount, "transfer amount");
  }

  @Override
  public MessageType<Transfer> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.address(to).amount(amount);
  }

  private static Transfer decode(CanonicalReader r) throws DecodeException {
    return new Transfer(r.address("to"), r.amount("amount"));
  }
}
