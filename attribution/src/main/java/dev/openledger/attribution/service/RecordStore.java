package dev.openledger.attribution.service;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Attribution records on disk, one file per request: {@code <dir>/<SHA-256 of the request
 * id>.olar}, written to a temporary sibling, flushed and linked into place, so a record appears
 * whole or not at all and is never replaced (a second record for the same request is refused).
 */
public final class RecordStore {
  private static final String SUFFIX = ".olar";
  private final Path dir;

  public RecordStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  private Path file(String requestId) {
    return dir.resolve(Hash.sha256(requestId.getBytes(StandardCharsets.UTF_8)).toHex() + SUFFIX);
  }

  /**
   * Stores a record.
   *
   * @throws FileAlreadyExistsException if the request already has one
   */
  public void put(AttributionRecord record) throws IOException {
    Path target = file(record.inference().requestId());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(record.encode());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // A hard link fails if the target exists, so two writers never replace each other's record.
      Files.createLink(target, tmp);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The record of a request.
   *
   * @throws IOException if it cannot be read, or is not a record (the message names the file)
   */
  public Optional<AttributionRecord> get(String requestId) throws IOException {
    Path f = file(requestId);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      AttributionRecord r = AttributionRecord.decode(Files.readAllBytes(f));
      if (!r.inference().requestId().equals(requestId)) {
        throw new IOException(
            f + " holds the record of request " + r.inference().requestId() + ", not " + requestId);
      }
      return Optional.of(r);
    } catch (DecodeException e) {
      throw new IOException("attribution record " + f + " is damaged: " + e.getMessage(), e);
    }
  }

  public boolean contains(String requestId) {
    return Files.exists(file(requestId));
  }
}
