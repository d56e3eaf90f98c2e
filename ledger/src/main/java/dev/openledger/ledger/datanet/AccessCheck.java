package dev.openledger.ledger.datanet;

import java.util.Objects;

/**
 * Whether an account may train on a datanet version, by the datanet's on-chain access terms: the
 * value behind ModelFactory's {@code AccessPolicy} (same shape as its {@code AccessDecision}).
 */
public sealed interface AccessCheck permits AccessCheck.Granted, AccessCheck.Refused {

  /**
   * Access is granted.
   *
   * @param basis {@code owner}, {@code open}, {@code grant} or {@code fee_paid}
   */
  record Granted(String basis) implements AccessCheck {
    public Granted {
      Objects.requireNonNull(basis, "basis");
    }
  }

  /**
   * Access is refused.
   *
   * @param code {@code unknown_datanet}, {@code unknown_datanet_version}, {@code root_mismatch},
   *     {@code access_denied} or {@code access_fee_unpaid}
   * @param message what is missing and how to get it
   */
  record Refused(String code, String message) implements AccessCheck {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
