package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * An account's access to train on a datanet, at {@code datanet/g<datanet><address>}.
 *
 * @param basis granted by the owner, or bought with the access fee
 * @param paid what was paid (zero for a grant)
 * @param height the block that granted it
 */
public record AccessGrant(Basis basis, Amount paid, long height) {

  /** How access was obtained. */
  public enum Basis {
    GRANTED,
    FEE_PAID
  }

  public AccessGrant {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(paid, "paid");
  }

  byte[] encode() {
    return new CanonicalWriter(16).u8(basis.ordinal()).amount(paid).varint(height).toByteArray();
  }

  static AccessGrant decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    int basis = r.u8("basis");
    if (basis >= Basis.values().length) {
      throw new DecodeException("basis: unknown value " + basis);
    }
    AccessGrant g = new AccessGrant(Basis.values()[basis], r.amount("paid"), r.varint("height"));
    r.finish();
    return g;
  }
}
