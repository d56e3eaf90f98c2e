package dev.openledger.datanet.blob;

import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} on a local file system. Layout: {@code root/ab/abcdef…} (the first two hex
 * digits fan out the directory); writes in progress live in {@code root/tmp/} until renamed into
 * place.
 *
 * <p>Durability recipe for {@link #put}: write a temp file, {@code fsync} it, rename it atomically
 * to its final name, {@code fsync} the final directory. After the method returns, a power cut
 * cannot lose the blob nor leave a partial file under its hash. A crash before the rename leaves
 * only a temp file, which {@link #collectGarbage} removes.
 *
 * <p>A blob's age is its file's modification time, set from the store's clock when it is written
 * (and again whenever the same content is stored anew).
 */
public final class FileBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  private static final String TMP = "tmp";

  private final Path root;
  private final Path tmp;
  private final Clock clock;

  private FileBlobStore(Path root, Clock clock) {
    this.root = root;
    this.tmp = root.resolve(TMP);
    this.clock = clock;
  }

  /**
   * Opens (creating if needed) a store under {@code root}; {@code clock} dates blobs for the GC
   * grace period.
   */
  public static FileBlobStore open(Path root, Clock clock) throws IOException {
    Files.createDirectories(root.resolve(TMP));
    return new FileBlobStore(root, clock);
  }

  @Override
  public Hash put(byte[] bytes) throws IOException {
    Hash hash = Hash.sha256(bytes);
    Path target = pathOf(hash);
    if (Files.exists(target)) {
      // A new reference is on its way: restart the blob's garbage-collection grace period.
      Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
      return hash;
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = tmp.resolve(hash.toHex() + "." + UUID.randomUUID() + ".part");
    try (FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      // Ages are measured on the store's clock, so the grace period means the same in tests and in
      // production.
      Files.setLastModifiedTime(temp, FileTime.from(clock.instant()));
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // A concurrent writer stored the same content first; ours is redundant.
      Files.deleteIfExists(temp);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException("the blob directory " + root + " does not support atomic rename", e);
    }
    fsyncDirectory(dir);
    return hash;
  }

  @Override
  public Optional<byte[]> get(Hash hash) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pathOf(hash));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Hash actual = Hash.sha256(bytes);
    if (!actual.equals(hash)) {
      throw new BlobCorruptedException(hash, actual);
    }
    return Optional.of(bytes);
  }

  @Override
  public boolean contains(Hash hash) {
    return Files.exists(pathOf(hash));
  }

  @Override
  public List<Hash> list() throws IOException {
    List<Hash> out = new ArrayList<>();
    try (DirectoryStream<Path> fanout =
        Files.newDirectoryStream(root, p -> p.getFileName().toString().length() == 2)) {
      for (Path dir : fanout) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path f : files) {
            out.add(Hash.fromHex(f.getFileName().toString()));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public GcReport collectGarbage(Set<Hash> referenced, Duration grace) throws IOException {
    Instant cutoff = clock.instant().minus(grace);
    List<Hash> removed = new ArrayList<>();
    List<Hash> young = new ArrayList<>();
    long freed = 0;
    for (Hash h : list()) {
      if (referenced.contains(h)) {
        continue;
      }
      Path p = pathOf(h);
      if (Files.getLastModifiedTime(p).toInstant().isAfter(cutoff)) {
        young.add(h);
        continue;
      }
      long size = Files.size(p);
      Files.delete(p);
      fsyncDirectory(p.getParent());
      removed.add(h);
      freed += size;
    }
    int temps = removeStaleTemps(cutoff);
    if (!removed.isEmpty() || temps > 0) {
      LOG.info(
          "blob GC removed {} orphan blobs ({} bytes) and {} temp files",
          removed.size(),
          freed,
          temps);
    }
    return new GcReport(removed, young, freed, temps);
  }

  /** Where the blob named {@code hash} lives (whether or not it exists). */
  public Path pathOf(Hash hash) {
    String hex = hash.toHex();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }

  private int removeStaleTemps(Instant cutoff) throws IOException {
    int n = 0;
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(tmp)) {
      for (Path t : temps) {
        if (!Files.getLastModifiedTime(t).toInstant().isAfter(cutoff)) {
          Files.delete(t);
          n++;
        }
      }
    }
    return n;
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    // On Linux a directory opened read-only can be fsynced; this makes the rename itself durable.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
