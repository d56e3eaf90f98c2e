package dev.openledger.node.serving;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.openlora.metering.ReceiptBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provider's settled batches on disk, one file per batch: {@code <height>-<root hex>.olsb} in
 * the store's directory (the height zero-padded to 20 digits, so names sort by settlement), written
 * once when the batch settles (temporary file, fsync, atomic rename, fsync of the directory), so a
 * file is whole or absent. Attribution submits from here after a restart, and the receipt proofs of
 * the latest batches survive one.
 *
 * <p>When every attribution of a batch is on chain (or can no longer be), it is marked by renaming
 * its file to {@code <height>-<root hex>.attributed.olsb}; {@link #prune} deletes marked batches
 * older than the newest {@link #KEPT_FOR_PROOFS}. A start therefore reads only the newest batches
 * and the unmarked ones, however long the node has served. Files named {@code <root hex>.olsb} (the
 * first layout) are read too.
 *
 * <p>File shape (canonical codec): {@code u8 version = 1, hash root, i64 height, hash txHash,
 * varint count, count × bytes(SignedReceipt.encode())}, the receipts in batch order; the tree, its
 * root and the proofs are recomputed from them, and a file whose recomputed root is not its name is
 * refused as corrupt.
 */
public final class SettledBatchStore {
  /** How many of the newest batches are kept (and loaded at start) for receipt proofs. */
  public static final int KEPT_FOR_PROOFS = 256;

  private static final int VERSION = 1;
  private static final int MAX_RECEIPT_BYTES = 64 * 1024;
  // a batch is one transaction's worth of receipts; this only bounds what a corrupt file can ask
  // for
  private static final long MAX_RECEIPTS = 1 << 20;
  private static final String SUFFIX = ".olsb";
  private static final String ATTRIBUTED = ".attributed";
  private static final Pattern NAME =
      Pattern.compile("(?:([0-9]{20})-)?([0-9a-f]{64})(\\.attributed)?\\.olsb");

  private final Path dir;

  /**
   * A batch as stored.
   *
   * @param batch the receipts and their tree
   * @param txHash the settlement's transaction
   * @param height the block it committed in
   */
  public record Stored(ReceiptBatch batch, Hash txHash, long height) {
    public Stored {
      if (height < 0) {
        throw new IllegalArgumentException("a block height is never negative");
      }
    }

    /** The inclusion proof of the receipt of {@code requestId}, if it is in this batch. */
    public Optional<InclusionProof> proof(String requestId) {
      List<SignedReceipt> rs = batch.receipts();
      for (int i = 0; i < rs.size(); i++) {
        if (rs.get(i).receipt().requestId().equals(requestId)) {
          return Optional.of(batch.proof(i));
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A stored batch's file, known from its name alone.
   *
   * @param root the batch's root
   * @param height the block it settled in ({@code -1} for a file of the first layout, whose name
   *     does not say)
   * @param attributed whether it is marked as having nothing left to attribute
   * @param file where it is
   */
  public record Entry(Hash root, long height, boolean attributed, Path file) {}

  public SettledBatchStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes a settled batch durably (a batch already stored is left as it is). */
  public void put(Stored s) throws IOException {
    if (entry(s.batch().root()).isPresent()) {
      return;
    }
    CanonicalWriter w =
        new CanonicalWriter()
            .u8(VERSION)
            .hash(s.batch().root())
            .i64(s.height())
            .hash(s.txHash())
            .varint(s.batch().receipts().size());
    for (SignedReceipt r : s.batch().receipts()) {
      w.bytes(r.encode());
    }
    AtomicFiles.write(dir.resolve(name(s.height(), s.batch().root(), false)), w.toByteArray());
  }

  /**
   * Every stored batch's file, oldest settlement first (then by root; first-layout files first).
   */
  public List<Entry> entries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches()) {
          long height = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
          out.add(new Entry(Hash.fromHex(m.group(2)), height, m.group(3) != null, f));
        }
      }
    }
    out.sort(Comparator.comparingLong(Entry::height).thenComparing(e -> e.root().toHex()));
    return out;
  }

  /** The file of the batch of {@code root}, if stored. */
  public Optional<Entry> entry(Hash root) throws IOException {
    for (Entry e : entries()) {
      if (e.root().equals(root)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The stored batch of {@code root}, if stored; an unreadable or corrupt file is an error. */
  public Optional<Stored> get(Hash root) throws IOException {
    Optional<Entry> e = entry(root);
    return e.isEmpty() ? Optional.empty() : Optional.of(read(e.get()));
  }

  /** Reads and checks one stored batch; an unreadable or corrupt file is an error. */
  public Stored read(Entry entry) throws IOException {
    Path file = entry.file();
    byte[] bytes = Files.readAllBytes(file);
    try {
      CanonicalReader r = new CanonicalReader(bytes);
      int version = r.u8("version");
      if (version != VERSION) {
        throw new IOException(file + " has format version " + version + ", expected " + VERSION);
      }
      Hash stored = r.hash("root");
      long height = r.i64("height");
      Hash tx = r.hash("tx_hash");
      long count = r.varint("count", MAX_RECEIPTS);
      List<SignedReceipt> receipts = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        receipts.add(SignedReceipt.decode(r.bytes("receipt", MAX_RECEIPT_BYTES)));
      }
      r.finish();
      Result<ReceiptBatch> batch = ReceiptBatch.of(receipts);
      if (batch instanceof Result.Err<ReceiptBatch> e) {
        throw new IOException(file + " is corrupt (" + e.code() + "): " + e.message());
      }
      ReceiptBatch b = batch.orElseThrow();
      if (!b.root().equals(entry.root()) || !stored.equals(entry.root())) {
        throw new IOException(file + " is corrupt: its receipts do not hash to its root");
      }
      if (entry.height() >= 0 && height != entry.height()) {
        throw new IOException(file + " is corrupt: it holds height " + height);
      }
      return new Stored(b, tx, height);
    } catch (DecodeException | IllegalArgumentException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * The newest {@code n} stored batches, oldest settlement first; an unreadable or corrupt file is
   * an error.
   */
  public List<Stored> latest(int n) throws IOException {
    List<Entry> all = withHeights(entries());
    List<Stored> out = new ArrayList<>();
    for (Entry e : all.subList(Math.max(0, all.size() - n), all.size())) {
      out.add(read(e));
    }
    return out;
  }

  /**
   * Marks the batch of {@code root} as having nothing left to attribute (a durable rename); false
   * when it is not stored.
   */
  public boolean markAttributed(Hash root) throws IOException {
    Optional<Entry> found = entry(root);
    if (found.isEmpty()) {
      return false;
    }
    Entry e = found.get();
    if (e.attributed()) {
      return true;
    }
    long height = e.height() >= 0 ? e.height() : read(e).height();
    AtomicFiles.moveIntoPlace(e.file(), dir.resolve(name(height, root, true)));
    return true;
  }

  /**
   * Deletes the batches marked attributed that are older than the newest {@code keep}; returns how
   * many it deleted. Unmarked batches stay, however old.
   */
  public int prune(int keep) throws IOException {
    List<Entry> all = withHeights(entries());
    int deleted = 0;
    for (Entry e : all.subList(0, Math.max(0, all.size() - keep))) {
      if (e.attributed() && Files.deleteIfExists(e.file())) {
        deleted++;
      }
    }
    if (deleted > 0) {
      AtomicFiles.fsyncDirectory(dir);
    }
    return deleted;
  }

  /** The entries with first-layout files' heights read from the files, in settlement order. */
  private List<Entry> withHeights(List<Entry> entries) throws IOException {
    if (entries.stream().allMatch(e -> e.height() >= 0)) {
      return entries;
    }
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(
          e.height() >= 0 ? e : new Entry(e.root(), read(e).height(), e.attributed(), e.file()));
    }
    out.sort(Comparator.comparingLong(Entry::height).thenComparing(e -> e.root().toHex()));
    return out;
  }

  private static String name(long height, Hash root, boolean attributed) {
    return String.format(
        Locale.ROOT, "%020d-%s%s%s", height, root.toHex(), attributed ? ATTRIBUTED : "", SUFFIX);
  }
}
