package dev.openledger.ledger.engine;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import dev.openledger.ledger.store.TxLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads of committed data, shared by every engine: blocks, transactions with receipts, state
 * snapshots.
 */
public final class ChainReader {
  private final LedgerStore store;

  public ChainReader(LedgerStore store) {
    this.store = Objects.requireNonNull(store);
  }

  /** The latest committed height (0 once genesis is committed). */
  public long height() {
    return store.height();
  }

  public SignedHeader latestHeader() {
    long h = store.height();
    return store
        .header(h)
        .orElseThrow(() -> new IllegalStateException("no header at the stored height " + h));
  }

  public Optional<SignedHeader> header(long height) {
    return store.header(height);
  }

  public Optional<Block> block(long height) {
    return store.block(height);
  }

  public Optional<BlockResults> results(long height) {
    return store.results(height);
  }

  /**
   * A committed transaction with its receipt, or empty when the hash is not in any committed block.
   */
  public Optional<CommittedTx> tx(Hash hash) {
    Optional<TxLocation> loc = store.txLocation(hash);
    if (loc.isEmpty()) {
      return Optional.empty();
    }
    TxLocation l = loc.get();
    Block block =
        store
            .block(l.height())
            .orElseThrow(
                () -> new IllegalStateException("tx index points at missing block " + l.height()));
    BlockResults results =
        store
            .results(l.height())
            .orElseThrow(
                () -> new IllegalStateException("results missing for block " + l.height()));
    return Optional.of(
        new CommittedTx(
            block.txs().get(l.index()), l, results.receipts().get(l.index()), block.header()));
  }

  /** The state as of the latest committed block. */
  public StateSnapshot snapshot() {
    return new StateSnapshot(latestHeader(), store.nodes(), store.state());
  }

  /**
   * The state as of an earlier block (tree nodes are never deleted, so every height is readable).
   */
  public Optional<StateSnapshot> snapshot(long height) {
    return store.header(height).map(h -> new StateSnapshot(h, store.nodes(), store.state()));
  }
}
