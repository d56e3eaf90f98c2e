package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.dedup.RowClaim;
import dev.openledger.datanet.validate.CorpusStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The datanet service's RocksDB database. Reads are thread-safe; writes go through {@link StoreTx}.
 */
public final class DatanetStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  enum Cf {
    DATANETS,
    CONTRIBUTIONS,
    BY_DATANET,
    ROWS,
    EXACT,
    BANDS,
    TERMS,
    VERSIONS;

    byte[] cfName() {
      return name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final List<AutoCloseable> resources;

  private DatanetStore(
      RocksDB db, List<ColumnFamilyHandle> handles, List<AutoCloseable> resources) {
    this.db = db;
    this.handles = handles;
    this.resources = resources;
  }

  /** Opens or creates the database in {@code dir}. */
  public static DatanetStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<AutoCloseable> resources = new ArrayList<>();
    LRUCache cache = new LRUCache(64L << 20);
    resources.add(cache);
    BloomFilter bloom = new BloomFilter(10, false);
    resources.add(bloom);
    // Point lookups dominate (exact keys, band keys, row ids): bloom filters let misses skip the
    // disk.
    ColumnFamilyOptions cfOpts =
        new ColumnFamilyOptions()
            .setTableFormatConfig(
                new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom));
    resources.add(cfOpts);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOpts));
    for (Cf cf : Cf.values()) {
      descriptors.add(new ColumnFamilyDescriptor(cf.cfName(), cfOpts));
    }
    DBOptions dbOpts =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    resources.add(dbOpts);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOpts, dir.toString(), descriptors, handles);
      return new DatanetStore(db, handles, resources);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw new IOException("cannot open the datanet store in " + dir + ": " + e.getMessage(), e);
    }
  }

  ColumnFamilyHandle handle(Cf cf) {
    return handles.get(cf.ordinal() + 1);
  }

  RocksDB db() {
    return db;
  }

  /** Starts an atomic write. */
  public StoreTx begin() {
    return new StoreTx(this);
  }

  public Optional<DatanetRecord> datanet(Hash id) throws IOException {
    return get(Cf.DATANETS, id.bytes()).map(b -> decode(b, DatanetRecord::decode));
  }

  public Optional<ContributionRecord> contribution(Hash id) throws IOException {
    return get(Cf.CONTRIBUTIONS, id.bytes()).map(b -> decode(b, ContributionRecord::decode));
  }

  public Optional<RowRecord> row(Hash rowId) throws IOException {
    return get(Cf.ROWS, rowId.bytes()).map(b -> decode(b, RowRecord::decode));
  }

  public Optional<VersionRecord> version(Hash datanetId, int version) throws IOException {
    return get(Cf.VERSIONS, Keys.version(datanetId, version))
        .map(b -> decode(b, VersionRecord::decode));
  }

  /** The version numbers built for a datanet, ascending. */
  public List<Integer> versions(Hash datanetId) {
    List<Integer> out = new ArrayList<>();
    scan(
        Cf.VERSIONS,
        datanetId.bytes(),
        (k, v) -> out.add(java.nio.ByteBuffer.wrap(k, 32, 4).getInt()));
    return out;
  }

  /** A datanet's contributions, ordered by contribution id. */
  public List<ContributionRecord> contributions(Hash datanetId) throws IOException {
    List<Hash> ids = new ArrayList<>();
    scan(
        Cf.BY_DATANET,
        datanetId.bytes(),
        (k, v) -> ids.add(Hash.wrap(Arrays.copyOfRange(k, 32, 64))));
    List<ContributionRecord> out = new ArrayList<>(ids.size());
    for (Hash id : ids) {
      contribution(id).ifPresent(out::add);
    }
    return out;
  }

  /** Every contribution of every datanet, ordered by contribution id. */
  public List<ContributionRecord> allContributions() {
    List<ContributionRecord> out = new ArrayList<>();
    scan(Cf.CONTRIBUTIONS, new byte[0], (k, v) -> out.add(decode(v, ContributionRecord::decode)));
    return out;
  }

  /** Loads a datanet's term statistics. */
  public CorpusStats loadStats(Hash datanetId) {
    CorpusStats stats = new CorpusStats();
    scan(
        Cf.TERMS,
        datanetId.bytes(),
        (k, v) -> {
          String word = new String(k, 32, k.length - 32, StandardCharsets.UTF_8);
          long[] dc = decode(v, DatanetStore::twoVarints);
          if (word.isEmpty()) {
            stats.restoreDocuments(dc[0]);
          } else {
            stats.restore(word, dc[0], dc[1]);
          }
        });
    return stats;
  }

  /** The committed duplicate index of one datanet. */
  public DedupIndex dedupIndex(Hash datanetId) {
    return new RocksDedupIndex(datanetId, this::read, this::readMany);
  }

  Optional<byte[]> get(Cf cf, byte[] key) throws IOException {
    return Optional.ofNullable(read(cf, key));
  }

  byte[] read(Cf cf, byte[] key) throws IOException {
    try {
      return db.get(handle(cf), key);
    } catch (RocksDBException e) {
      throw new IOException("datanet store read failed (" + cf + "): " + e.getMessage(), e);
    }
  }

  List<byte[]> readMany(Cf cf, List<byte[]> keys) throws IOException {
    try {
      return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), handle(cf)), keys);
    } catch (RocksDBException e) {
      throw new IOException("datanet store read failed (" + cf + "): " + e.getMessage(), e);
    }
  }

  private void scan(Cf cf, byte[] prefix, java.util.function.BiConsumer<byte[], byte[]> visit) {
    try (ReadOptions ro = new ReadOptions();
        RocksIterator it = db.newIterator(handle(cf), ro)) {
      for (it.seek(prefix); it.isValid() && Keys.hasPrefix(it.key(), prefix); it.next()) {
        visit.accept(it.key(), it.value());
      }
    }
  }

  static long[] twoVarints(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    long[] out = {r.varint("df"), r.varint("cf")};
    r.finish();
    return out;
  }

  interface Decoder<T> {
    T decode(byte[] b) throws DecodeException;
  }

  static <T> T decode(byte[] b, Decoder<T> d) {
    try {
      return d.decode(b);
    } catch (DecodeException e) {
      throw new CorruptRecordException(e);
    }
  }

  /** Reads the claims named by concatenated row ids (a band bucket), skipping none. */
  static List<RowClaim> claims(List<byte[]> buckets, RocksDedupIndex.Reader reader)
      throws IOException {
    Set<Hash> ids = new LinkedHashSet<>();
    for (byte[] bucket : buckets) {
      if (bucket == null) {
        continue;
      }
      for (int off = 0; off + Hash.LENGTH <= bucket.length; off += Hash.LENGTH) {
        ids.add(Hash.wrap(Arrays.copyOfRange(bucket, off, off + Hash.LENGTH)));
      }
    }
    List<RowClaim> out = new ArrayList<>(ids.size());
    for (Hash id : ids) {
      byte[] row = reader.read(Cf.ROWS, id.bytes());
      if (row == null) {
        throw new CorruptRecordException(
            new DecodeException("band index names row " + id + " which is not stored"));
      }
      out.add(decode(row, RowRecord::decodeClaim));
    }
    return out;
  }

  @Override
  public void close() {
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a RocksDB resource failed", e);
      }
    }
  }
}
