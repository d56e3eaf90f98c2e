package dev.openledger.ledger.block;

import dev.openledger.core.crypto.Hash;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle root of an ordered list, with the tree shape and domain separation of RFC 6962 section 2.1:
 * {@code MTH({}) = SHA-256()}, {@code MTH({d}) = SHA-256(0x00 || d)}, and for n &gt; 1 with k the largest
 * power of two below n, {@code MTH(D) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}.
 */
public final class MerkleRoot {
  /** The root of the empty list. */
  public static final Hash EMPTY = Hash.sha256(new byte[0]);

  private MerkleRoot() {}

  /** The root over the leaves' data. */
  public static Hash of(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return EMPTY;
    }
    List<Hash> hashes = new ArrayList<>(leaves.size());
    for (byte[] leaf : leaves) {
      hashes.add(leafHash(leaf));
    }
    return root(hashes, 0, hashes.size());
  }

  /** The root over a list of hashes, each taken as a leaf's data. */
  public static Hash ofHashes(List<Hash> items) {
    List<byte[]> leaves = new ArrayList<>(items.size());
    for (Hash h : items) {
      leaves.add(h.bytes());
    }
    return of(leaves);
  }

  private static Hash leafHash(byte[] data) {
    MessageDigest md = Hash.newDigest();
    md.update((byte) 0x00);
    md.update(data);
    return Hash.of(md);
  }

  private static Hash root(List<Hash> hashes, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return hashes.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    Hash left = root(hashes, from, from + k);
    Hash right = root(hashes, from + k, to);
    MessageDigest md = Hash.newDigest();
    md.update((byte) 0x01);
    md.update(left.bytes());
    md.update(right.bytes());
    return Hash.of(md);
  }
}
