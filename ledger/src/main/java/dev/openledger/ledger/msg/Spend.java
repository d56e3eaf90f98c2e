package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pays {@code amount} out of a governed module account (the treasury, or a genesis allocation pool
 * such as {@code community}) to {@code to}; only the governance authority may send it.
 *
 * @param account the module account's name, e.g. {@code treasury}
 * @param to the recipient
 * @param amount positive, within the total supply
 */
public record Spend(String account, Address to, Amount amount) implements BankMsg {
  public static final MessageType<Spend> TYPE =
      new MessageType<>(0x0104, "bank/spend", Spend.class, Spend::decode);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public Spend {
    Objects.requireNonNull(account, "account");
    if (!NAME.matcher(account).matches()) {
      throw new IllegalArgumentException(
          "module account name must match " + NAME.pattern() + ", got '" + account + "'");
    }
    Objects.requireNonNull(to, "to");
    Amounts.requirePositiveWithinSupply(amount, "spend amount");
  }

  @Override
  public MessageType<Spend> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(account).address(to).amount(amount);
  }

  private static Spend decode(CanonicalReader r) throws DecodeException {
    return new Spend(r.string("account", 32), r.address("to"), r.amount("amount"));
  }
}
