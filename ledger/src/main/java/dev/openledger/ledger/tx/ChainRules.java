package dev.openledger.ledger.tx;

import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The chain parameters stateless checks need.
 *
 * @param chainId the only chain id accepted
 * @param maxTxBytes the largest accepted encoding (at most {@link TxCodec#HARD_MAX_TX_BYTES})
 * @param minFee the smallest accepted fee
 */
public record ChainRules(String chainId, int maxTxBytes, Amount minFee) {
  public ChainRules {
    Objects.requireNonNull(chainId, "chainId");
    if (maxTxBytes < 200 || maxTxBytes > TxCodec.HARD_MAX_TX_BYTES) {
      throw new IllegalArgumentException(
          "maxTxBytes must be within [200, " + TxCodec.HARD_MAX_TX_BYTES + "], got " + maxTxBytes);
    }
    Objects.requireNonNull(minFee, "minFee");
  }
}
