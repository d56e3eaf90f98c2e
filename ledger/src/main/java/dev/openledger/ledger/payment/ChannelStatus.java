package dev.openledger.ledger.payment;

/**
 * Where a payment channel is in its life.
 *
 * <pre>
 * open ──payer: close──▶ closing ──payer: withdraw, after the close timeout──▶ closed
 *  ▲ │ top-up, settle        │ settle (the provider's last receipts)
 *  └─┘                       ┘
 * </pre>
 */
public enum ChannelStatus {
  /** Serving: the provider accepts requests paid from it; top-ups and settlements allowed. */
  OPEN,
  /**
   * The payer asked to close: no new requests are served, the provider may still settle until the
   * timeout.
   */
  CLOSING,
  /** Withdrawn: nothing is left in escrow and nothing more can be settled. */
  CLOSED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
