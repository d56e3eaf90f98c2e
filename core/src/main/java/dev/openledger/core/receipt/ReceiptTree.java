package dev.openledger.core.receipt;

import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tree over signed receipts with the shape and node domain separation of RFC 6962 §2.1
 * (the last, unpaired node of a level moves up unchanged, which gives the same tree as splitting at
 * the largest power of two), and inclusion proofs verified by the algorithm of RFC 9162 §2.1.3.2.
 *
 * <pre>
 * leaf hash = SHA-256(0x00 || "openledger/usage-receipt-leaf/v1" || SignedReceipt.encode())
 * node hash = SHA-256(0x01 || left || right)
 * </pre>
 *
 * A leaf commits to the whole signed receipt, signature included; the 0x00/0x01 prefixes keep a
 * leaf from ever being read as an inner node and the tag keeps receipt leaves apart from other
 * trees' leaves.
 */
public final class ReceiptTree {
  static final byte[] LEAF_TAG =
      "openledger/usage-receipt-leaf/v1".getBytes(StandardCharsets.UTF_8);

  /** levels[0] are the leaf hashes, the last level holds the root alone. */
  private final List<Hash[]> levels = new ArrayList<>();

  /** The tree over {@code receipts} in order (at least one). */
  public ReceiptTree(List<SignedReceipt> receipts) {
    if (receipts.isEmpty()) {
      throw new IllegalArgumentException("a receipt tree needs at least one receipt");
    }
    Hash[] level = new Hash[receipts.size()];
    for (int i = 0; i < level.length; i++) {
      level[i] = leafHash(receipts.get(i));
    }
    levels.add(level);
    while (level.length > 1) {
      Hash[] up = new Hash[(level.length + 1) / 2];
      for (int j = 0; j < up.length; j++) {
        up[j] = 2 * j + 1 < level.length ? nodeHash(level[2 * j], level[2 * j + 1]) : level[2 * j];
      }
      levels.add(up);
      level = up;
    }
  }

  public Hash root() {
    return levels.get(levels.size() - 1)[0];
  }

  public int size() {
    return levels.get(0).length;
  }

  /** The audit path of leaf {@code index}, bottom up. */
  public InclusionProof proof(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + size());
    }
    List<Hash> path = new ArrayList<>();
    int m = index;
    for (int l = 0; l < levels.size() - 1; l++) {
      Hash[] level = levels.get(l);
      int sibling = m ^ 1;
      if (sibling < level.length) {
        path.add(level[sibling]);
      }
      m >>= 1;
    }
    return new InclusionProof(index, size(), path);
  }

  /** Whether {@code proof} shows {@code receipt} at its index in a tree with root {@code root}. */
  public static boolean verify(Hash root, SignedReceipt receipt, InclusionProof proof) {
    long fn = proof.index();
    long sn = proof.treeSize() - 1;
    Hash r = leafHash(receipt);
    for (Hash p : proof.path()) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  /** The leaf hash of one signed receipt. */
  public static Hash leafHash(SignedReceipt receipt) {
    MessageDigest md = Hash.newDigest();
    md.update((byte) 0x00);
    md.update(LEAF_TAG);
    md.update(receipt.encode());
    return Hash.of(md);
  }

  private static Hash nodeHash(Hash left, Hash right) {
    MessageDigest md = Hash.newDigest();
    md.update((byte) 0x01);
    md.update(left.bytes());
    md.update(right.bytes());
    return Hash.of(md);
  }
}
