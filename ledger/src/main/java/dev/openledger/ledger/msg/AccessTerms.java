package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * Who may train on a datanet's published versions (ModelFactory checks it before a fine-tune, and
 * the model registry before it records a model trained on the datanet).
 *
 * @param mode {@link Mode#OPEN} (anyone), {@link Mode#GRANT} (the owner grants access per account)
 *     or {@link Mode#FEE} (an account pays {@code fee} once; the owner may also grant)
 * @param fee the access fee; positive for {@link Mode#FEE}, zero otherwise
 */
public record AccessTerms(Mode mode, Amount fee) {

  /** The access modes. */
  public enum Mode {
    OPEN,
    GRANT,
    FEE
  }

  public AccessTerms {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fee, "fee");
    if (mode == Mode.FEE) {
      Amounts.requirePositiveWithinSupply(fee, "access fee");
    } else if (!fee.isZero()) {
      throw new IllegalArgumentException("only access mode FEE has a fee");
    }
  }

  public static AccessTerms open() {
    return new AccessTerms(Mode.OPEN, Amount.ZERO);
  }

  void encode(CanonicalWriter w) {
    w.u8(mode.ordinal()).amount(fee);
  }

  static AccessTerms decode(CanonicalReader r) throws DecodeException {
    return new AccessTerms(Fields.enumAt(r, "access mode", Mode.values()), r.amount("access fee"));
  }
}
