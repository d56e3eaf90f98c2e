package dev.openledger.ledger.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What applying one log entry did, returned to whoever submitted it (the leader's block producer, a
 * validator's attestation sender). Applying is deterministic, so every replica reaches the same outcome for the same entry, except
 * {@code diverged}, which is what a replica says when its own execution disagrees with the proposal.
 *
 * @param code {@code applied}, {@code already_applied}, {@code stale}, {@code not_validator},
 *     {@code bad_signature}, {@code invalid}, {@code diverged}, {@code halted} or {@code malformed}
 * @param message details for people
 */
public record ApplyOutcome(String code, String message) {
  public static final String APPLIED = "applied";

  public ApplyOutcome {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  static ApplyOutcome applied(String message) {
    return new ApplyOutcome(APPLIED, message);
  }

  public boolean isApplied() {
    return code.equals(APPLIED);
  }

  byte[] encode() {
    return (code + "\n" + message).getBytes(StandardCharsets.UTF_8);
  }

  static ApplyOutcome decode(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    int nl = s.indexOf('\n');
    return nl < 0 ? new ApplyOutcome(s, "") : new ApplyOutcome(s.substring(0, nl), s.substring(nl + 1));
  }
}
