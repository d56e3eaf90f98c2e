package dev.openledger.ledger.bank;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * An account's state. Stored as {@code varint balance | varint nonce}.
 *
 * @param balance spendable OPEN
 * @param nonce the nonce the account's next transaction must carry
 */
public record Account(Amount balance, long nonce) {
  public static final Account EMPTY = new Account(Amount.ZERO, 0);

  public Account {
    Objects.requireNonNull(balance, "balance");
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be non-negative");
    }
  }

  public Account withBalance(Amount b) {
    return new Account(b, nonce);
  }

  public boolean isEmpty() {
    return balance.isZero() && nonce == 0;
  }

  public byte[] encode() {
    return new CanonicalWriter(20).amount(balance).varint(nonce).toByteArray();
  }

  public static Account decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    Account a = new Account(r.amount("balance"), r.varint("nonce"));
    r.finish();
    return a;
  }
}
