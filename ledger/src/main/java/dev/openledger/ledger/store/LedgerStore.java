package dev.openledger.ledger.store;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's storage. Reads are safe from any thread; {@link #commit} is called by one writer at a
 * time. Implementations: {@link RocksLedgerStore} (durable) and {@link InMemoryLedgerStore} (tests,
 * benchmarks).
 */
public interface LedgerStore extends AutoCloseable {

  /** The height of the latest committed block, or -1 when nothing is committed. */
  long height();

  Optional<Block> block(long height);

  /** The header and its signature, without the transactions. */
  Optional<SignedHeader> header(long height);

  /**
   * The receipts and block events of the block at {@code height}, or empty when there is no such
   * block.
   */
  Optional<BlockResults> results(long height);

  Optional<TxLocation> txLocation(Hash txHash);

  /**
   * The flat state after the latest committed block. Reads race with commits; use the tree for
   * snapshots.
   */
  StateReader state();

  /** Every state-tree node of every committed block. */
  NodeSource nodes();

  /**
   * Writes a block and everything it changes, atomically and durably.
   *
   * @throws IllegalArgumentException when the block is not at {@code height() + 1}
   * @throws StorageException when the write fails; nothing of the block is then visible
   */
  default void commit(BlockCommit commit) {
    commit(commit, Map.of());
  }

  /**
   * Writes a block, everything it changes and engine metadata in one atomic, durable write. A
   * replicated engine stores here the log position the block came from, so that after a crash the
   * block and the position are either both on disk or both absent.
   *
   * @param meta metadata entries to write with the block (see {@link #meta})
   * @throws IllegalArgumentException when the block is not at {@code height() + 1}
   * @throws StorageException when the write fails; nothing of the block is then visible
   */
  void commit(BlockCommit commit, Map<String, byte[]> meta);

  /**
   * Engine bookkeeping kept beside the chain, outside the state tree (it is not part of any state
   * root): the value last written under {@code key}, or empty.
   */
  Optional<byte[]> meta(String key);

  /**
   * Writes metadata entries alone, atomically and durably.
   *
   * @throws StorageException when the write fails; none of the entries is then visible
   */
  void putMeta(Map<String, byte[]> meta);

  @Override
  void close();

  /**
   * A header with the proposer's signature.
   *
   * @param header the header
   * @param signature the proposer's signature over it
   */
  record SignedHeader(BlockHeader header, dev.openledger.core.crypto.Signature signature) {}
}
