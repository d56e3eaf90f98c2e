package dev.openledger.ledger.engine;

import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.Objects;

/**
 * A transaction found in a committed block.
 *
 * @param tx the transaction
 * @param location its block and position
 * @param receipt its receipt
 * @param header its block's header
 */
public record CommittedTx(
    SignedTransaction tx, TxLocation location, Receipt receipt, BlockHeader header) {
  public CommittedTx {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(header, "header");
  }
}
