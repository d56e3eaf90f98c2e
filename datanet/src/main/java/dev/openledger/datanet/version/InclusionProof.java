package dev.openledger.datanet.version;

import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a row is leaf {@code leafIndex} of a version with {@code leafCount} rows.
 *
 * <p>Verification: start from {@code leaf.hash()} with {@code i = leafIndex, n = leafCount}; at
 * each level while {@code n > 1}: if {@code i} is odd, combine {@code node(sibling, h)}; else if
 * {@code i + 1 < n}, {@code node(h, sibling)}; else the node is promoted and no sibling is used;
 * then {@code i = i / 2, n = ceil(n / 2)}. Every sibling must be used exactly once and {@code
 * SHA-256(0x02 || n || h)} must equal the published root.
 *
 * @param siblings the sibling hashes from the leaf level upwards, promoted levels skipped
 */
public record InclusionProof(VersionLeaf leaf, int leafIndex, int leafCount, List<Hash> siblings) {
  public InclusionProof {
    Objects.requireNonNull(leaf, "leaf");
    siblings = List.copyOf(siblings);
  }

  /** Whether this proof places {@link #leaf()} in the version whose root is {@code root}. */
  public boolean verify(Hash root) {
    if (leafCount < 1 || leafIndex < 0 || leafIndex >= leafCount) {
      return false;
    }
    Hash h = leaf.hash();
    long i = leafIndex;
    long n = leafCount;
    int used = 0;
    while (n > 1) {
      if ((i & 1) == 1) {
        if (used == siblings.size()) {
          return false;
        }
        h = MerkleTree.node(siblings.get(used++), h);
      } else if (i + 1 < n) {
        if (used == siblings.size()) {
          return false;
        }
        h = MerkleTree.node(h, siblings.get(used++));
      }
      i >>>= 1;
      n = (n + 1) >>> 1;
    }
    return used == siblings.size() && MerkleTree.rootOf(leafCount, h).equals(root);
  }
}
