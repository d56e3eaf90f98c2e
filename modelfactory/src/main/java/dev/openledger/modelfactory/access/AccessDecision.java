package dev.openledger.modelfactory.access;

import java.util.Objects;

/** Whether a trainer may use a datanet version, and why. */
public sealed interface AccessDecision permits AccessDecision.Granted, AccessDecision.Refused {

  /**
   * Access is granted.
   *
   * @param basis why: {@code open}, {@code owner}, {@code grant}, {@code fee_paid}
   */
  record Granted(String basis) implements AccessDecision {
    public Granted {
      Objects.requireNonNull(basis, "basis");
    }
  }

  /**
   * Access is refused.
   *
   * @param code stable reason, e.g. {@code access_denied}, {@code access_fee_unpaid}
   * @param message what the trainer lacks and how to get it
   */
  record Refused(String code, String message) implements AccessDecision {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  static AccessDecision granted(String basis) {
    return new Granted(basis);
  }

  static AccessDecision refused(String code, String message) {
    return new Refused(code, message);
  }
}
