package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.validate.CorpusStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * One atomic change to the store. Reads made through the transaction see its own pending writes (a
 * {@link WriteBatchWithIndex}), so a registration can check each of its rows against the rows it
 * has just claimed. Nothing is visible to others until {@link #commit()}, which writes with {@code
 * sync = true}. Not thread-safe; callers serialise writers.
 */
public final class StoreTx implements AutoCloseable {
  private final DatanetStore store;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final ReadOptions readOptions = new ReadOptions();
  private boolean committed;

  StoreTx(DatanetStore store) {
    this.store = store;
  }

  public void putDatanet(DatanetRecord d) throws IOException {
    put(DatanetStore.Cf.DATANETS, d.id().bytes(), d.encode());
  }

  public void putContribution(ContributionRecord c) throws IOException {
    put(DatanetStore.Cf.CONTRIBUTIONS, c.id().bytes(), c.encode());
    put(DatanetStore.Cf.BY_DATANET, Keys.byDatanet(c.datanetId(), c.id()), new byte[0]);
  }

  public void deleteContribution(ContributionRecord c) throws IOException {
    delete(DatanetStore.Cf.CONTRIBUTIONS, c.id().bytes());
    delete(DatanetStore.Cf.BY_DATANET, Keys.byDatanet(c.datanetId(), c.id()));
  }

  public void putRow(RowRecord r) throws IOException {
    put(DatanetStore.Cf.ROWS, r.rowId().bytes(), r.encode());
  }

  public void deleteRow(Hash rowId) throws IOException {
    delete(DatanetStore.Cf.ROWS, rowId.bytes());
  }

  /** Makes {@code r} the owner of its text: the exact key and every band bucket name it. */
  public void claim(RowRecord r) throws IOException {
    put(DatanetStore.Cf.EXACT, Keys.exact(r.datanetId(), r.dedupHash()), r.rowId().bytes());
    byte[] id = r.rowId().bytes();
    for (long band : r.bandKeys()) {
      byte[] key = Keys.band(r.datanetId(), band);
      byte[] bucket = read(DatanetStore.Cf.BANDS, key);
      byte[] grown = bucket == null ? id : concat(bucket, id);
      put(DatanetStore.Cf.BANDS, key, grown);
    }
  }

  /** Undoes {@link #claim}: the text becomes free for the next submitter. */
  public void release(RowRecord r) throws IOException {
    byte[] exactKey = Keys.exact(r.datanetId(), r.dedupHash());
    byte[] owner = read(DatanetStore.Cf.EXACT, exactKey);
    if (owner != null && Arrays.equals(owner, r.rowId().bytes())) {
      delete(DatanetStore.Cf.EXACT, exactKey);
    }
    for (long band : r.bandKeys()) {
      byte[] key = Keys.band(r.datanetId(), band);
      byte[] bucket = read(DatanetStore.Cf.BANDS, key);
      if (bucket == null) {
        continue;
      }
      byte[] shrunk = without(bucket, r.rowId().bytes());
      if (shrunk.length == 0) {
        delete(DatanetStore.Cf.BANDS, key);
      } else {
        put(DatanetStore.Cf.BANDS, key, shrunk);
      }
    }
  }

  /** Persists the counts of {@code words} (and the document count) from {@code stats}. */
  public void putTerms(Hash datanetId, CorpusStats stats, Set<String> words) throws IOException {
    put(
        DatanetStore.Cf.TERMS,
        Keys.term(datanetId, ""),
        new CanonicalWriter().varint(stats.documents()).varint(0).toByteArray());
    for (String w : words) {
      put(
          DatanetStore.Cf.TERMS,
          Keys.term(datanetId, w),
          new CanonicalWriter().varint(stats.df(w)).varint(stats.cf(w)).toByteArray());
    }
  }

  public void putVersion(VersionRecord v) throws IOException {
    put(DatanetStore.Cf.VERSIONS, Keys.version(v.datanetId(), v.version()), v.encode());
  }

  /** The duplicate index of a datanet as this transaction would leave it. */
  public DedupIndex dedupIndex(Hash datanetId) {
    return new RocksDedupIndex(
        datanetId,
        this::read,
        (cf, keys) -> {
          List<byte[]> out = new ArrayList<>(keys.size());
          for (byte[] k : keys) {
            out.add(read(cf, k));
          }
          return out;
        });
  }

  /** Writes everything durably (synced) and atomically. */
  public void commit() throws IOException {
    try (WriteOptions wo = new WriteOptions().setSync(true)) {
      store.db().write(wo, batch);
      committed = true;
    } catch (RocksDBException e) {
      throw new IOException("datanet store commit failed: " + e.getMessage(), e);
    }
  }

  public boolean committed() {
    return committed;
  }

  @Override
  public void close() {
    readOptions.close();
    batch.close();
  }

  private byte[] read(DatanetStore.Cf cf, byte[] key) throws IOException {
    try {
      return batch.getFromBatchAndDB(store.db(), store.handle(cf), readOptions, key);
    } catch (RocksDBException e) {
      throw new IOException("datanet store read failed (" + cf + "): " + e.getMessage(), e);
    }
  }

  private void put(DatanetStore.Cf cf, byte[] key, byte[] value) throws IOException {
    try {
      batch.put(store.handle(cf), key, value);
    } catch (RocksDBException e) {
      throw new IOException("datanet store batch put failed (" + cf + "): " + e.getMessage(), e);
    }
  }

  private void delete(DatanetStore.Cf cf, byte[] key) throws IOException {
    try {
      batch.delete(store.handle(cf), key);
    } catch (RocksDBException e) {
      throw new IOException("datanet store batch delete failed (" + cf + "): " + e.getMessage(), e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] without(byte[] bucket, byte[] id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bucket.length);
    for (int off = 0; off + id.length <= bucket.length; off += id.length) {
      if (!Arrays.equals(bucket, off, off + id.length, id, 0, id.length)) {
        out.write(bucket, off, id.length);
      }
    }
    return out.toByteArray();
  }
}
