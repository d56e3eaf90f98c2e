package dev.openledger.ledger.store;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SmtNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store in memory, for tests, replays and benchmarks. Commits are atomic with respect to readers
 * (a read-write lock) and, trivially, not durable.
 */
public final class InMemoryLedgerStore implements LedgerStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Block> blocks = new ArrayList<>();
  private final List<BlockResults> results = new ArrayList<>();
  private final Map<Hash, TxLocation> txIndex = new HashMap<>();
  private final TreeMap<StateKey, byte[]> state = new TreeMap<>();
  private final Map<Hash, SmtNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, byte[]> meta = new HashMap<>();
  private final StateReader stateReader = new Reader();

  @Override
  public long height() {
    lock.readLock().lock();
    try {
      return blocks.size() - 1L;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Block> block(long height) {
    lock.readLock().lock();
    try {
      return height < 0 || height >= blocks.size()
          ? Optional.empty()
          : Optional.of(blocks.get((int) height));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<SignedHeader> header(long height) {
    return block(height).map(b -> new SignedHeader(b.header(), b.signature()));
  }

  @Override
  public Optional<BlockResults> results(long height) {
    lock.readLock().lock();
    try {
      return height < 0 || height >= results.size()
          ? Optional.empty()
          : Optional.of(results.get((int) height));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<TxLocation> txLocation(Hash txHash) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(txIndex.get(txHash));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public StateReader state() {
    return stateReader;
  }

  @Override
  public NodeSource nodes() {
    return h -> Optional.ofNullable(nodes.get(h));
  }

  @Override
  public Optional<byte[]> meta(String key) {
    lock.readLock().lock();
    try {
      byte[] v = meta.get(key);
      return v == null ? Optional.empty() : Optional.of(v.clone());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void putMeta(Map<String, byte[]> entries) {
    lock.writeLock().lock();
    try {
      entries.forEach((k, v) -> meta.put(k, v.clone()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void commit(BlockCommit commit, Map<String, byte[]> metaEntries) {
    lock.writeLock().lock();
    try {
      StoreCodec.checkNext(blocks.size() - 1L, commit);
      Block block = commit.block();
      for (int i = 0; i < block.txs().size(); i++) {
        txIndex.put(block.txs().get(i).hash(), new TxLocation(block.height(), i));
      }
      commit
          .changes()
          .writes()
          .forEach(
              (k, v) -> {
                if (v.isPresent()) {
                  state.put(k, v.get().clone());
                } else {
                  state.remove(k);
                }
              });
      nodes.putAll(commit.nodes());
      results.add(commit.results());
      blocks.add(block);
      metaEntries.forEach((k, v) -> meta.put(k, v.clone()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {}

  private final class Reader implements StateReader {
    @Override
    public Optional<byte[]> get(StateKey key) {
      lock.readLock().lock();
      try {
        byte[] v = state.get(key);
        return v == null ? Optional.empty() : Optional.of(v.clone());
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public CloseableIterator<StateEntry> scan(StateKey prefix) {
      lock.readLock().lock();
      try {
        StateKey end = prefix.prefixEnd();
        Map<StateKey, byte[]> range =
            end == null ? state.tailMap(prefix, true) : state.subMap(prefix, true, end, false);
        List<StateEntry> copy = new ArrayList<>(range.size());
        range.forEach((k, v) -> copy.add(new StateEntry(k, v.clone())));
        return CloseableIterator.of(copy.iterator());
      } finally {
        lock.readLock().unlock();
      }
    }
  }
}
