package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.List;
import java.util.Objects;

/**
 * An ordered proposal for the next block: what an engine decides; execution does the rest.
 *
 * @param parent the header of the block this one follows
 * @param timeMillis the new block's time; not before the parent's
 * @param proposer the key that will sign the block
 * @param txs candidate transactions, in order; those the ante checks refuse are dropped
 */
public record BlockInput(
    BlockHeader parent, long timeMillis, PublicKey proposer, List<VerifiedTransaction> txs) {
  public BlockInput {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(proposer, "proposer");
    txs = List.copyOf(txs);
    if (timeMillis < parent.timeMillis()) {
      throw new IllegalArgumentException(
          "block time " + timeMillis + " is before its parent's " + parent.timeMillis());
    }
  }
}
