package dev.openledger.ledger.model;

/**
 * A registered model's place in its life cycle.
 *
 * <pre>
 *   registered ──propose (developer)──▶ proposed ──approve (authority)──▶ approved
 *        │                                 │ └──reject (authority)──▶ rejected
 *        └────────── retire (developer or authority) from registered, proposed, approved ──▶ retired
 * </pre>
 */
public enum ModelState {
  REGISTERED,
  PROPOSED,
  APPROVED,
  REJECTED,
  RETIRED;

  /** Whether a model in this state may move to {@code next}. */
  public boolean canMoveTo(ModelState next) {
    return switch (next) {
      case PROPOSED -> this == REGISTERED;
      case APPROVED, REJECTED -> this == PROPOSED;
      case RETIRED -> this == REGISTERED || this == PROPOSED || this == APPROVED;
      case REGISTERED -> false;
    };
  }

  /** Lower-case name, as events and the API write it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
