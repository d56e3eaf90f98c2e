package dev.openledger.ledger.engine;

import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import java.util.Objects;

/**
 * A block after it was durably stored, as subscribers receive it.
 *
 * @param block the block
 * @param results its receipts and block events
 */
public record CommittedBlock(Block block, BlockResults results) {
  public CommittedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(results, "results");
  }
}
