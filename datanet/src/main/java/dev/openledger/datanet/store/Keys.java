package dev.openledger.datanet.store;

import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key layouts of the column families (all big-endian, fixed-width prefixes first). */
final class Keys {
  private Keys() {}

  /** exact: datanetId[32] || dedupHash[32] → rowId[32]. */
  static byte[] exact(Hash datanet, Hash dedupHash) {
    return ByteBuffer.allocate(64).put(datanet.bytes()).put(dedupHash.bytes()).array();
  }

  /** bands: datanetId[32] || bandKey[8] → rowId[32]* (concatenated). */
  static byte[] band(Hash datanet, long bandKey) {
    return ByteBuffer.allocate(40).put(datanet.bytes()).putLong(bandKey).array();
  }

  /**
   * terms: datanetId[32] || UTF-8(word) → varint df, varint cf; the empty word holds the document
   * count.
   */
  static byte[] term(Hash datanet, String word) {
    byte[] w = word.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(32 + w.length).put(datanet.bytes()).put(w).array();
  }

  /** versions: datanetId[32] || version[4]. */
  static byte[] version(Hash datanet, int version) {
    return ByteBuffer.allocate(36).put(datanet.bytes()).putInt(version).array();
  }

  /** byDatanet: datanetId[32] || contributionId[32] → empty. */
  static byte[] byDatanet(Hash datanet, Hash contribution) {
    return ByteBuffer.allocate(64).put(datanet.bytes()).put(contribution.bytes()).array();
  }

  static boolean hasPrefix(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
