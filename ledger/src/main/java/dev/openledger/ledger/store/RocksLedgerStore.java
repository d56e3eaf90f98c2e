package dev.openledger.ledger.store;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SmtNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: one RocksDB database with a column family per kind of record.
 *
 * <pre>
 * default   "head"            → i64 height of the latest block
 *           "meta/" + key     → engine metadata (e.g. the replicated-log position of the head)
 * headers   i64 height        → header | signature
 * blocks    i64 height        → block encoding
 * results   i64 height        → receipts and block events
 * txindex   tx hash           → varint height | varint index
 * state     state key         → value
 * nodes     node hash         → state-tree node encoding
 * </pre>
 *
 * A block's records and the new head go into one {@link WriteBatch}, written with {@code sync} when
 * the store is durable: RocksDB applies a batch atomically and recovers it from its write-ahead log
 * after a crash, so the head never points at a partly written block.
 */
public final class RocksLedgerStore implements LedgerStore {
  private static final Logger log = LoggerFactory.getLogger(RocksLedgerStore.class);
  private static final byte[] HEAD = "head".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String META_PREFIX = "meta/";
  private static final List<String> FAMILIES =
      List.of("headers", "blocks", "results", "txindex", "state", "nodes");
  private static final int NODE_CACHE_ENTRIES = 200_000;

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final ColumnFamilyHandle headers;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle results;
  private final ColumnFamilyHandle txIndex;
  private final ColumnFamilyHandle state;
  private final ColumnFamilyHandle nodes;
  private final WriteOptions writeOptions;
  private final Map<Hash, SmtNode> nodeCache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, SmtNode> eldest) {
          return size() > NODE_CACHE_ENTRIES;
        }
      };
  private final StateReader stateReader = new Reader();
  private volatile long height;
  private volatile boolean closed;

  private RocksLedgerStore(Path dir, boolean durable) throws RocksDBException {
    this.dir = dir;
    dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setIncreaseParallelism(2);
    cfOptions =
        new ColumnFamilyOptions()
            .setWriteBufferSize(64L << 20)
            .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10)));
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (String name : FAMILIES) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              name.getBytes(java.nio.charset.StandardCharsets.US_ASCII), cfOptions));
    }
    db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    headers = handles.get(1);
    blocks = handles.get(2);
    results = handles.get(3);
    txIndex = handles.get(4);
    state = handles.get(5);
    nodes = handles.get(6);
    writeOptions = new WriteOptions().setSync(durable);
    byte[] head = db.get(HEAD);
    height = head == null ? -1 : decodeHeight(head);
  }

  /**
   * Opens (creating when missing) the store in {@code dir}.
   *
   * @param durable true to fsync every commit (a node); false only for throw-away stores
   */
  public static RocksLedgerStore open(Path dir, boolean durable) {
    try {
      Files.createDirectories(dir);
      RocksLedgerStore store = new RocksLedgerStore(dir, durable);
      log.info("opened ledger store {} at height {}", dir, store.height);
      return store;
    } catch (RocksDBException | IOException e) {
      throw new StorageException(
          "cannot open the ledger store in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public Optional<Block> block(long h) {
    return read(blocks, StoreCodec.heightKey(h), () -> "block " + h)
        .map(b -> decode(() -> Block.decode(b), () -> "block " + h));
  }

  @Override
  public Optional<SignedHeader> header(long h) {
    return read(headers, StoreCodec.heightKey(h), () -> "header " + h)
        .map(b -> decode(() -> StoreCodec.decodeHeader(b), () -> "header " + h));
  }

  @Override
  public Optional<BlockResults> results(long h) {
    return read(results, StoreCodec.heightKey(h), () -> "results " + h)
        .map(b -> decode(() -> BlockResults.decode(b), () -> "results " + h));
  }

  @Override
  public Optional<TxLocation> txLocation(Hash txHash) {
    return read(txIndex, txHash.bytes(), () -> "tx index")
        .map(b -> decode(() -> TxLocation.decode(b), () -> "tx index " + txHash));
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
    synchronized (nodeCache) {
      SmtNode n = nodeCache.get(h);
      if (n != null) {
        return Optional.of(n);
      }
    }
    Optional<SmtNode> loaded =
        read(nodes, h.bytes(), () -> "tree node")
            .map(b -> decode(() -> SmtNode.decode(b), () -> "tree node " + h));
    loaded.ifPresent(
        n -> {
          synchronized (nodeCache) {
            nodeCache.put(h, n);
          }
        });
    return loaded;
  }

  @Override
  public Optional<byte[]> meta(String key) {
    return read(db.getDefaultColumnFamily(), metaKey(key), () -> "metadata " + key);
  }

  @Override
  public void putMeta(Map<String, byte[]> meta) {
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<String, byte[]> e : meta.entrySet()) {
        batch.put(metaKey(e.getKey()), e.getValue());
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException(
          "writing metadata " + meta.keySet() + " to " + dir + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] metaKey(String key) {
    return (META_PREFIX + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A consistent copy of the whole database in {@code target} (which must not exist): RocksDB
   * hard-links the immutable table files and copies the rest, so it is cheap on the same file
   * system. Readers and the writer may continue meanwhile; the copy holds exactly the blocks
   * committed before the call.
   *
   * @throws StorageException when the checkpoint cannot be written
   */
  public void checkpoint(Path target) {
    try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(db)) {
      cp.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StorageException(
          "writing a checkpoint of " + dir + " to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /** The database directory. */
  public Path dir() {
    return dir;
  }

  @Override
  public void commit(BlockCommit commit, Map<String, byte[]> meta) {
    StoreCodec.checkNext(height, commit);
    Block block = commit.block();
    byte[] hk = StoreCodec.heightKey(block.height());
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(
          headers,
          hk,
          StoreCodec.encodeHeader(new SignedHeader(block.header(), block.signature())));
      batch.put(blocks, hk, block.encode());
      batch.put(results, hk, commit.results().encode());
      for (int i = 0; i < block.txs().size(); i++) {
        batch.put(
            txIndex, block.txs().get(i).hash().bytes(), new TxLocation(block.height(), i).encode());
      }
      for (Map.Entry<StateKey, Optional<byte[]>> e : commit.changes().writes().entrySet()) {
        if (e.getValue().isPresent()) {
          batch.put(state, e.getKey().bytes(), e.getValue().get());
        } else {
          batch.delete(state, e.getKey().bytes());
        }
      }
      for (SmtNode n : commit.nodes().values()) {
        batch.put(nodes, n.hash().bytes(), n.encode());
      }
      for (Map.Entry<String, byte[]> e : meta.entrySet()) {
        batch.put(metaKey(e.getKey()), e.getValue());
      }
      batch.put(HEAD, new CanonicalWriter(8).i64(block.height()).toByteArray());
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException(
          "writing block " + block.height() + " to " + dir + " failed: " + e.getMessage(), e);
    }
    synchronized (nodeCache) {
      nodeCache.putAll(commit.nodes());
    }
    height = block.height();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      throw new StorageException(
          "syncing the write-ahead log of " + dir + " failed: " + e.getMessage(), e);
    } finally {
      writeOptions.close();
      for (ColumnFamilyHandle h : handles) {
        h.close();
      }
      db.close();
      dbOptions.close();
      cfOptions.close();
    }
  }

  /** Reads a key; {@code what} describes it for the error message, built only on failure. */
  private Optional<byte[]> read(ColumnFamilyHandle cf, byte[] key, Supplier<String> what) {
    try {
      return Optional.ofNullable(db.get(cf, key));
    } catch (RocksDBException e) {
      throw new StorageException(
          "reading " + what.get() + " from " + dir + " failed: " + e.getMessage(), e);
    }
  }

  private static long decodeHeight(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  private interface Decoder<T> {
    T decode() throws DecodeException;
  }

  private <T> T decode(Decoder<T> d, Supplier<String> what) {
    try {
      return d.decode();
    } catch (DecodeException e) {
      throw new StorageException(
          "stored " + what.get() + " in " + dir + " is corrupt: " + e.getMessage(), e);
    }
  }

  private final class Reader implements StateReader {
    @Override
    public Optional<byte[]> get(StateKey key) {
      return read(state, key.bytes(), () -> "state key " + key);
    }

    @Override
    public CloseableIterator<StateEntry> scan(StateKey prefix) {
      StateKey end = prefix.prefixEnd();
      Slice upper = end == null ? null : new Slice(end.bytes());
      ReadOptions ro = new ReadOptions();
      if (upper != null) {
        ro.setIterateUpperBound(upper);
      }
      RocksIterator it = db.newIterator(state, ro);
      it.seek(prefix.bytes());
      return new CloseableIterator<>() {
        @Override
        public boolean hasNext() {
          return it.isValid();
        }

        @Override
        public StateEntry next() {
          if (!it.isValid()) {
            throw new NoSuchElementException();
          }
          StateEntry e = new StateEntry(StateKey.of(it.key()), it.value());
          it.next();
          return e;
        }

        @Override
        public void close() {
          try {
            it.status();
          } catch (RocksDBException e) {
            throw new StorageException(
                "scanning " + prefix + " in " + dir + " failed: " + e.getMessage(), e);
          } finally {
            it.close();
            ro.close();
            if (upper != null) {
              upper.close();
            }
          }
        }
      };
    }
  }
}
