package dev.openledger.core.receipt;

import dev.openledger.core.crypto.Hash;
import java.util.List;

/**
 * Where a receipt sits in a {@link ReceiptTree} and the sibling hashes from its leaf up to the
 * root.
 *
 * @param index the leaf's position, from 0
 * @param treeSize leaves in the tree
 * @param path sibling hashes, bottom up
 */
public record InclusionProof(long index, long treeSize, List<Hash> path) {
  public InclusionProof {
    if (treeSize < 1 || index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + treeSize);
    }
    if (path.size() > 64) {
      throw new IllegalArgumentException("an audit path has at most 64 hashes");
    }
    path = List.copyOf(path);
  }
}
