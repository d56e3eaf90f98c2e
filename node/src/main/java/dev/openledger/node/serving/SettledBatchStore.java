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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provider's settled batches on disk, one file per batch: {@code <root hex>.olsb} in the
 * store's directory, written once when the batch settles (temporary file, fsync, atomic rename,
 * fsync of the directory), so a file is whole or absent. Attribution submits from here after a
 * restart, and the receipt proofs of the latest batches survive one.
 *
 * <p>File shape (canonical codec): {@code u8 version = 1, hash root, i64 height, hash txHash,
 * varint count, count × bytes(SignedReceipt.encode())}, the receipts in batch order; the tree, its
 * root and the proofs are recomputed from them, and a file whose recomputed root is not its name is
 * refused as corrupt.
 */
public final class SettledBatchStore {
  private static final int VERSION = 1;
  private static final int MAX_RECEIPT_BYTES = 64 * 1024;
  // a batch is one transaction's worth of receipts; this only bounds what a corrupt file can ask
  // for
  private static final long MAX_RECEIPTS = 1 << 20;
  private static final String SUFFIX = ".olsb";
  private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.olsb");

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

  public SettledBatchStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes a settled batch durably (a batch already stored is left as it is). */
  public void put(Stored s) throws IOException {
    Path file = file(s.batch().root());
    if (Files.exists(file)) {
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
    AtomicFiles.write(file, w.toByteArray());
  }

  /** The roots of every stored batch, in hex order. */
  public List<Hash> roots() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Hash> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches()) {
          out.add(Hash.fromHex(m.group(1)));
        }
      }
    }
    out.sort(Comparator.comparing(Hash::toHex));
    return out;
  }

  /** The stored batch of {@code root}, if stored; an unreadable or corrupt file is an error. */
  public Optional<Stored> get(Hash root) throws IOException {
    Path file = file(root);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
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
      if (!b.root().equals(root) || !stored.equals(root)) {
        throw new IOException(file + " is corrupt: its receipts do not hash to its root");
      }
      return Optional.of(new Stored(b, tx, height));
    } catch (DecodeException | IllegalArgumentException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** Every stored batch, oldest settlement first (then by root). */
  public List<Stored> all() throws IOException {
    List<Stored> out = new ArrayList<>();
    for (Hash root : roots()) {
      get(root).ifPresent(out::add);
    }
    out.sort(Comparator.comparingLong(Stored::height).thenComparing(s -> s.batch().root().toHex()));
    return out;
  }

  private Path file(Hash root) {
    return dir.resolve(root.toHex() + SUFFIX);
  }
}
