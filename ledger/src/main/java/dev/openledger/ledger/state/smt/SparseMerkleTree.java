package dev.openledger.ledger.state.smt;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.smt.SmtNode.Internal;
import dev.openledger.ledger.state.smt.SmtNode.Kind;
import dev.openledger.ledger.state.smt.SmtNode.Leaf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operations on the tree described in the package documentation: batch update, lookup and proofs.
 * The tree itself is the set of nodes reachable from a root; this class holds no state.
 */
public final class SparseMerkleTree {
  /** The root of the empty tree. */
  public static final Hash EMPTY_ROOT = Hash.ZERO;

  private SparseMerkleTree() {}

  /** The path of a key: SHA-256 of its bytes. */
  public static Hash keyHash(StateKey key) {
    return Hash.sha256(key.bytes());
  }

  /** Bit {@code i} (0 = most significant bit of byte 0) of a path; 0 goes left. */
  public static int bit(Hash path, int i) {
    return (path.byteAt(i >>> 3) >>> (7 - (i & 7))) & 1;
  }

  /**
   * The new root after applying {@code changes} to the tree at {@code root}, and the nodes created
   * on the way (to be stored with the block). Old nodes are left untouched.
   */
  public static UpdateResult update(NodeSource nodes, Hash root, StateChanges changes) {
    List<Change> sorted = new ArrayList<>(changes.size());
    changes.writes().forEach((k, v) -> sorted.add(new Change(keyHash(k), v.orElse(null))));
    sorted.sort(Comparator.comparing(Change::keyHash));
    Updater u = new Updater(nodes);
    Ref result = u.update(u.rootRef(root), 0, sorted, 0, sorted.size());
    return new UpdateResult(result.hash, u.created);
  }

  /** The value of {@code key} in the tree at {@code root}. */
  public static Optional<byte[]> get(NodeSource nodes, Hash root, StateKey key) {
    Hash path = keyHash(key);
    Hash h = root;
    int depth = 0;
    while (!h.equals(Hash.ZERO)) {
      SmtNode n = load(nodes, h);
      if (n instanceof Leaf leaf) {
        return leaf.keyHash().equals(path) ? Optional.of(leaf.value()) : Optional.empty();
      }
      h = ((Internal) n).child(bit(path, depth++));
    }
    return Optional.empty();
  }

  /** A proof of the value, or the absence, of {@code key} in the tree at {@code root}. */
  public static SmtProof prove(NodeSource nodes, Hash root, StateKey key) {
    Hash path = keyHash(key);
    List<Hash> siblings = new ArrayList<>();
    Hash h = root;
    int depth = 0;
    while (!h.equals(Hash.ZERO)) {
      SmtNode n = load(nodes, h);
      if (n instanceof Leaf leaf) {
        return new SmtProof(siblings, new SmtProof.LeafTerminal(leaf.keyHash(), leaf.valueHash()));
      }
      Internal in = (Internal) n;
      int b = bit(path, depth++);
      siblings.add(in.child(1 - b));
      h = in.child(b);
    }
    return new SmtProof(siblings, new SmtProof.EmptyTerminal());
  }

  static SmtNode load(NodeSource nodes, Hash h) {
    return nodes
        .node(h)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "state tree node "
                        + h
                        + " is missing from the store (corrupted or pruned store)"));
  }

  /**
   * The new root and the nodes created to reach it.
   *
   * @param root the new root
   * @param created new nodes by hash, to be stored
   */
  public record UpdateResult(Hash root, Map<Hash, SmtNode> created) {}

  /** One key's change; {@code value} null means delete. */
  private record Change(Hash keyHash, byte[] value) {}

  /** A child reference: its hash and kind. */
  private record Ref(Hash hash, Kind kind) {
    static final Ref EMPTY = new Ref(Hash.ZERO, Kind.EMPTY);
  }

  /** One batch update: the recursion and the nodes it creates. */
  private static final class Updater {
    private final NodeSource nodes;
    private final Map<Hash, SmtNode> created = new HashMap<>();

    Updater(NodeSource nodes) {
      this.nodes = nodes;
    }

    Ref rootRef(Hash root) {
      if (root.equals(Hash.ZERO)) {
        return Ref.EMPTY;
      }
      return new Ref(root, load(nodes, root) instanceof Leaf ? Kind.LEAF : Kind.INTERNAL);
    }

    /** Applies changes[from, to), all of whose paths pass through {@code ref} at {@code depth}. */
    Ref update(Ref ref, int depth, List<Change> changes, int from, int to) {
      if (from == to) {
        return ref;
      }
      switch (ref.kind) {
        case EMPTY:
          return build(depth, inserts(changes, from, to, null));
        case LEAF:
          return build(depth, inserts(changes, from, to, (Leaf) load(nodes, ref.hash)));
        default:
          Internal node = (Internal) load(nodes, ref.hash);
          int split = split(changes, from, to, depth);
          Ref left = update(new Ref(node.left(), node.leftKind()), depth + 1, changes, from, split);
          Ref right =
              update(new Ref(node.right(), node.rightKind()), depth + 1, changes, split, to);
          return join(left, right);
      }
    }

    /**
     * The values to place: the changes that are not deletions, plus an existing leaf they do not
     * touch.
     */
    private static List<Change> inserts(List<Change> changes, int from, int to, Leaf existing) {
      List<Change> out = new ArrayList<>(to - from + 1);
      boolean existingTouched = existing == null;
      for (int i = from; i < to; i++) {
        Change c = changes.get(i);
        if (!existingTouched && c.keyHash.equals(existing.keyHash())) {
          existingTouched = true;
        }
        if (c.value != null) {
          out.add(c);
        }
      }
      if (!existingTouched) {
        out.add(new Change(existing.keyHash(), existing.value()));
        out.sort(Comparator.comparing(Change::keyHash));
      }
      return out;
    }

    /** The canonical subtree at {@code depth} holding exactly {@code items}. */
    private Ref build(int depth, List<Change> items) {
      return build(depth, items, 0, items.size());
    }

    private Ref build(int depth, List<Change> items, int from, int to) {
      int n = to - from;
      if (n == 0) {
        return Ref.EMPTY;
      }
      if (n == 1) {
        Change c = items.get(from);
        Leaf leaf = Leaf.of(c.keyHash, c.value);
        created.put(leaf.hash(), leaf);
        return new Ref(leaf.hash(), Kind.LEAF);
      }
      if (depth >= 256) {
        throw new IllegalStateException("two distinct keys with the same SHA-256 path");
      }
      int split = split(items, from, to, depth);
      return join(build(depth + 1, items, from, split), build(depth + 1, items, split, to));
    }

    /** Combines two children, keeping the tree canonical: a lone leaf or nothing moves up. */
    private Ref join(Ref left, Ref right) {
      if (left.kind == Kind.EMPTY && right.kind != Kind.INTERNAL) {
        return right;
      }
      if (right.kind == Kind.EMPTY && left.kind == Kind.LEAF) {
        return left;
      }
      Internal node = Internal.build(left.hash, left.kind, right.hash, right.kind);
      created.put(node.hash(), node);
      return new Ref(node.hash(), Kind.INTERNAL);
    }

    /** The first index in [from, to) whose path has bit {@code depth} set (paths are sorted). */
    private static int split(List<Change> changes, int from, int to, int depth) {
      int lo = from;
      int hi = to;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (bit(changes.get(mid).keyHash, depth) == 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
