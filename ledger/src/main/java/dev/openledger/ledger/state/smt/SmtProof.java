package dev.openledger.ledger.state.smt;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.state.StateKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proof that a key has a given value, or no value, under a state root.
 *
 * <p>The path of a key is the bits of SHA-256(key), most significant first. {@code siblings.get(d)}
 * is the hash of the sibling at depth d+1 on that path, from the root down; the walk ends at depth
 * {@code siblings.size()} in an empty subtree or a leaf. Verification hashes the terminal back up
 * to the root. A leaf for another key proves absence: in a canonical tree a leaf sits where its
 * subtree holds no other key, so the asked-for key, which shares that subtree's prefix, is not in
 * the tree.
 *
 * @param siblings sibling hashes from the root down
 * @param terminal where the walk ended
 */
public record SmtProof(List<Hash> siblings, Terminal terminal) {
  public SmtProof {
    siblings = List.copyOf(siblings);
    Objects.requireNonNull(terminal, "terminal");
    if (siblings.size() > 256) {
      throw new IllegalArgumentException(
          "a path has at most 256 levels, proof has " + siblings.size());
    }
  }

  /** Where the walk down the key's path ended. */
  public sealed interface Terminal permits EmptyTerminal, LeafTerminal {}

  /** An empty subtree: the key is absent. */
  public record EmptyTerminal() implements Terminal {}

  /**
   * A leaf: the key itself (present) or another key sharing the path so far (absent).
   *
   * @param keyHash the leaf's key hash
   * @param valueHash the hash of the leaf's value
   */
  public record LeafTerminal(Hash keyHash, Hash valueHash) implements Terminal {
    public LeafTerminal {
      Objects.requireNonNull(keyHash, "keyHash");
      Objects.requireNonNull(valueHash, "valueHash");
    }
  }

  /**
   * True when this proof shows that under {@code root}, {@code key} holds {@code value} (present)
   * or has no value ({@code value} empty). Never throws for a wrong proof.
   */
  public boolean verify(Hash root, StateKey key, Optional<byte[]> value) {
    Hash keyHash = SparseMerkleTree.keyHash(key);
    Hash node;
    if (terminal instanceof LeafTerminal leaf) {
      if (!sharesPrefix(leaf.keyHash(), keyHash, siblings.size())) {
        return false;
      }
      boolean sameKey = leaf.keyHash().equals(keyHash);
      if (value.isPresent() != sameKey) {
        return false;
      }
      if (sameKey && !Hash.sha256(value.get()).equals(leaf.valueHash())) {
        return false;
      }
      node = SmtNode.leafHash(leaf.keyHash(), leaf.valueHash());
    } else {
      if (value.isPresent()) {
        return false;
      }
      node = Hash.ZERO;
    }
    for (int depth = siblings.size() - 1; depth >= 0; depth--) {
      Hash sibling = siblings.get(depth);
      node =
          SparseMerkleTree.bit(keyHash, depth) == 0
              ? SmtNode.internalHash(node, sibling)
              : SmtNode.internalHash(sibling, node);
    }
    return node.equals(root);
  }

  private static boolean sharesPrefix(Hash a, Hash b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (SparseMerkleTree.bit(a, i) != SparseMerkleTree.bit(b, i)) {
        return false;
      }
    }
    return true;
  }
}
