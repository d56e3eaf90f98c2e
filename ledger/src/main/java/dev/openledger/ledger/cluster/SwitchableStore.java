package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SmtNode;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.store.RocksLedgerStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store whose database can be replaced while readers hold this object: installing a snapshot
 * closes the RocksDB store, puts the snapshot's files in its place and opens it again. Every call
 * takes a read lock and the swap the write lock, so no call ever reaches a closed database.
 */
final class SwitchableStore implements LedgerStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final StateReader stateReader = new Reader();
  private RocksLedgerStore current;

  SwitchableStore(RocksLedgerStore initial) {
    this.current = initial;
  }

  /**
   * Closes the current database, lets {@code replace} rebuild its directory, and opens the result.
   */
  void swap(Function<RocksLedgerStore, RocksLedgerStore> replace) {
    lock.writeLock().lock();
    try {
      current = replace.apply(current);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code body} with the current database, which stays open until it returns. */
  <T> T withCurrent(Function<RocksLedgerStore, T> body) {
    lock.readLock().lock();
    try {
      return body.apply(current);
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long height() {
    return read(() -> current.height());
  }

  @Override
  public Optional<Block> block(long height) {
    return read(() -> current.block(height));
  }

  @Override
  public Optional<SignedHeader> header(long height) {
    return read(() -> current.header(height));
  }

  @Override
  public Optional<BlockResults> results(long height) {
    return read(() -> current.results(height));
  }

  @Override
  public Optional<dev.openledger.ledger.store.TxLocation> txLocation(Hash txHash) {
    return read(() -> current.txLocation(txHash));
  }

  @Override
  public StateReader state() {
    return stateReader;
  }

  @Override
  public NodeSource nodes() {
    return this::node;
  }

  private Optional<SmtNode> node(Hash h) {
    return read(() -> current.nodes().node(h));
  }

  @Override
  public void commit(BlockCommit commit, Map<String, byte[]> meta) {
    lock.readLock().lock();
    try {
      current.commit(commit, meta);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<byte[]> meta(String key) {
    return read(() -> current.meta(key));
  }

  @Override
  public void putMeta(Map<String, byte[]> meta) {
    lock.readLock().lock();
    try {
      current.putMeta(meta);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      current.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private final class Reader implements StateReader {
    @Override
    public Optional<byte[]> get(StateKey key) {
      return read(() -> current.state().get(key));
    }

    /**
     * The iterator holds the read lock until it is closed, so a swap waits for open scans; callers
     * close scans promptly (try-with-resources), as they must for RocksDB anyway.
     */
    @Override
    public CloseableIterator<StateEntry> scan(StateKey prefix) {
      lock.readLock().lock();
      CloseableIterator<StateEntry> it;
      try {
        it = current.state().scan(prefix);
      } catch (RuntimeException e) {
        lock.readLock().unlock();
        throw e;
      }
      return new CloseableIterator<>() {
        private boolean closed;

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public StateEntry next() {
          return it.next();
        }

        @Override
        public void close() {
          if (closed) {
            return;
          }
          closed = true;
          try {
            it.close();
          } finally {
            lock.readLock().unlock();
          }
        }
      };
    }
  }
}
