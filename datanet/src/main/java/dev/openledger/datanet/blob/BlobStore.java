package dev.openledger.datanet.blob;

import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Content-addressed storage of immutable byte strings, named by their SHA-256. */
public interface BlobStore {

  /**
   * Stores {@code bytes} durably and returns their SHA-256. Storing bytes already present is a
   * no-op that returns the same hash.
   *
   * @throws IOException when the bytes could not be made durable; nothing is then referenced by the
   *     hash
   */
  Hash put(byte[] bytes) throws IOException;

  /**
   * The bytes named {@code hash}, verified against it.
   *
   * @throws BlobCorruptedException when the stored bytes no longer hash to their name
   */
  Optional<byte[]> get(Hash hash) throws IOException;

  boolean contains(Hash hash);

  /** Every stored blob's hash, in hash order. */
  java.util.List<Hash> list() throws IOException;

  /**
   * Removes every blob that {@code referenced} does not name and that was written more than {@code
   * grace} ago. The grace period protects blobs written for transactions that are still on their
   * way to the chain.
   */
  GcReport collectGarbage(Set<Hash> referenced, Duration grace) throws IOException;
}
