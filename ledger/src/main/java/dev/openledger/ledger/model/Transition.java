package dev.openledger.ledger.model;

import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * One step of a model's life cycle.
 *
 * @param to the state entered
 * @param height the block of the step
 * @param by who sent the message that made it (for an automatic devnet approval, the developer who
 *     proposed)
 * @param note the reason given, or how the step was taken ({@code auto-approved on this devnet})
 */
public record Transition(ModelState to, long height, Address by, String note) {
  public Transition {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(note, "note");
  }
}
