package dev.openledger.ledger.block;

import dev.openledger.core.crypto.Hash;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle root of an ordered list, with the tree shape and domain separation of RFC 6962 section 2.1:
 * {@code MTH({}) = SHA-256()}, {@code MTH({d}) = SHA-256(0x00 || d)}, and for n &gt; 1 with k the largest
 * power of two below n, {@code MTH(D) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}; and its inclusion
 * proofs (audit paths, RFC 6962 section 2.1.1, verified as RFC 9162 section 2.1.3.2 does).
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
    return node(root(hashes, from, from + k), root(hashes, from + k, to));
  }

  /**
   * The audit path of item {@code index} in the tree over {@code items} (each taken as a leaf's data):
   * {@code PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])} for m &lt; k, else {@code PATH(m - k, D[k:n]) :
   * MTH(D[0:k])}; empty for a single leaf.
   */
  public static List<Hash> pathOfHashes(List<Hash> items, int index) {
    if (index < 0 || index >= items.size()) {
      throw new IllegalArgumentException("index " + index + " is outside a list of " + items.size());
    }
    List<Hash> leaves = new ArrayList<>(items.size());
    for (Hash h : items) {
      leaves.add(leafHash(h.bytes()));
    }
    List<Hash> path = new ArrayList<>();
    collectPath(leaves, 0, leaves.size(), index, path);
    return List.copyOf(path);
  }

  private static void collectPath(List<Hash> leaves, int from, int to, int index, List<Hash> path) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (index < k) {
      collectPath(leaves, from, from + k, index, path);
      path.add(root(leaves, from + k, to));
    } else {
      collectPath(leaves, from + k, to, index - k, path);
      path.add(root(leaves, from, from + k));
    }
  }

  /**
   * True when {@code path} proves that item {@code index} of a {@code size}-item list whose root is
   * {@code root} is {@code item}.
   */
  public static boolean verifyHashInclusion(Hash item, int index, int size, List<Hash> path, Hash root) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1L;
    Hash r = leafHash(item.bytes());
    for (Hash p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  private static Hash node(Hash left, Hash right) {
    MessageDigest md = Hash.newDigest();
    md.update((byte) 0x01);
    md.update(left.bytes());
    md.update(right.bytes());
    return Hash.of(md);
  }
}
