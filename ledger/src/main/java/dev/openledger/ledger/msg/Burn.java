package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;

/**
 * Destroys {@code amount} of the sender's OPEN, lowering the total supply for good (the OPEN token
 * is burnable: {@code ERC20Burnable} in the reference contract).
 *
 * @param amount positive, and no more than the whole supply
 */
public record Burn(Amount amount) implements BankMsg {
  public static final MessageType<Burn> TYPE =
      new MessageType<>(0x0102, "bank/burn", Burn.class, Burn::decode);

  public Burn {
    Amounts.requirePositiveWithinSupply(amount, "burn amount");
  }

  @Override
  public MessageType<Burn> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.amount(amount);
  }

  private static Burn decode(CanonicalReader r) throws DecodeException {
    return new Burn(r.amount("amount"));
  }
}
