package dev.openledger.datanet.version;

import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Merkle tree of one version (construction in {@link dev.openledger.datanet.version}). */
public final class MerkleTree {
  private static final byte[] NODE_PREFIX = {0x01};
  private static final byte[] ROOT_PREFIX = {0x02};

  private final List<VersionLeaf> leaves;
  private final List<Hash[]> levels; // levels.get(0) = leaf hashes; last level has one node
  private final Hash root;

  private MerkleTree(List<VersionLeaf> leaves, List<Hash[]> levels) {
    this.leaves = leaves;
    this.levels = levels;
    Hash[] top = levels.get(levels.size() - 1);
    this.root = rootOf(leaves.size(), top[0]);
  }

  /**
   * Builds the tree over {@code leaves}, which must be sorted by strictly increasing row id.
   *
   * @throws IllegalArgumentException if empty or not strictly sorted
   */
  public static MerkleTree build(List<VersionLeaf> leaves) {
    List<VersionLeaf> copy = List.copyOf(leaves);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a version has at least one row");
    }
    Hash[] level = new Hash[copy.size()];
    for (int i = 0; i < level.length; i++) {
      if (i > 0 && copy.get(i - 1).rowId().compareTo(copy.get(i).rowId()) >= 0) {
        throw new IllegalArgumentException(
            "leaves must be sorted by strictly increasing row id (at index " + i + ")");
      }
      level[i] = copy.get(i).hash();
    }
    List<Hash[]> levels = new ArrayList<>();
    levels.add(level);
    while (level.length > 1) {
      Hash[] next = new Hash[(level.length + 1) / 2];
      for (int i = 0; i < next.length; i++) {
        int l = 2 * i;
        next[i] = l + 1 < level.length ? node(level[l], level[l + 1]) : level[l];
      }
      levels.add(next);
      level = next;
    }
    return new MerkleTree(copy, levels);
  }

  public Hash root() {
    return root;
  }

  public int size() {
    return leaves.size();
  }

  public List<VersionLeaf> leaves() {
    return leaves;
  }

  /** The position of {@code rowId} among the leaves, if present (binary search). */
  public Optional<Integer> indexOf(Hash rowId) {
    int lo = 0;
    int hi = leaves.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = leaves.get(mid).rowId().compareTo(rowId);
      if (c == 0) {
        return Optional.of(mid);
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** The inclusion proof of leaf {@code index}. */
  public InclusionProof proof(int index) {
    Objects.checkIndex(index, leaves.size());
    List<Hash> siblings = new ArrayList<>();
    int idx = index;
    for (int lv = 0; lv < levels.size() - 1; lv++) {
      Hash[] level = levels.get(lv);
      int sib = idx ^ 1;
      if (sib < level.length) {
        siblings.add(level[sib]);
      }
      idx >>>= 1;
    }
    return new InclusionProof(leaves.get(index), index, leaves.size(), siblings);
  }

  static Hash node(Hash left, Hash right) {
    return Hash.sha256(NODE_PREFIX, left.bytes(), right.bytes());
  }

  static Hash rootOf(long leafCount, Hash top) {
    return Hash.sha256(ROOT_PREFIX, ByteBuffer.allocate(8).putLong(leafCount).array(), top.bytes());
  }
}
