package dev.openledger.ledger.genesis;

import dev.openledger.core.money.Amount;
import dev.openledger.ledger.tx.TxCodec;
import java.util.Objects;

/**
 * Chain-wide parameters fixed in genesis (until governance can change them).
 *
 * @param blockTimeMs how often the sequencer closes a block
 * @param emptyBlocks whether a block is produced when no transaction is pending
 * @param maxTxBytes the largest accepted transaction encoding
 * @param maxBlockTxs the most transactions in one block
 * @param minFee the smallest fee a transaction may offer
 */
public record ChainParams(
    long blockTimeMs, boolean emptyBlocks, int maxTxBytes, int maxBlockTxs, Amount minFee) {
  public ChainParams {
    if (blockTimeMs < 10 || blockTimeMs > 600_000) {
      throw new IllegalArgumentException(
          "blockTimeMs must be within [10, 600000], got " + blockTimeMs);
    }
    if (maxTxBytes < 200 || maxTxBytes > TxCodec.HARD_MAX_TX_BYTES) {
      throw new IllegalArgumentException(
          "maxTxBytes must be within [200, " + TxCodec.HARD_MAX_TX_BYTES + "], got " + maxTxBytes);
    }
    if (maxBlockTxs < 1 || maxBlockTxs > 100_000) {
      throw new IllegalArgumentException(
          "maxBlockTxs must be within [1, 100000], got " + maxBlockTxs);
    }
    Objects.requireNonNull(minFee, "minFee");
  }

  /** The devnet's parameters: 1 s blocks, no empty blocks, 0.00001 OPEN minimum fee. */
  public static ChainParams devnet() {
    return new ChainParams(1000, false, 16 * 1024, 20_000, Amount.ofNano(10_000));
  }
}
