package dev.openledger.ledger.engine;

/**
 * Bounds on pending transactions.
 *
 * @param maxTotal pending transactions in all
 * @param maxPerSender pending transactions of one sender
 * @param maxNonceGap how far past the account's next nonce a transaction may be (it waits for the
 *     gap)
 */
public record MempoolLimits(int maxTotal, int maxPerSender, int maxNonceGap) {
  public MempoolLimits {
    if (maxTotal < 1 || maxPerSender < 1 || maxNonceGap < 0) {
      throw new IllegalArgumentException("mempool limits must be positive");
    }
  }

  public static MempoolLimits defaults() {
    return new MempoolLimits(200_000, 10_000, 10_000);
  }
}
