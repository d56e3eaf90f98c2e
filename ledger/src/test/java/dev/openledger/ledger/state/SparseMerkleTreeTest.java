package dev.openledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SmtNode;
import dev.openledger.ledger.state.smt.SmtProof;
import dev.openledger.ledger.state.smt.SparseMerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {

  /** Nodes of every version, as a store keeps them. */
  static final class Nodes implements NodeSource {
    final Map<Hash, SmtNode> all = new HashMap<>();

    @Override
    public Optional<SmtNode> node(Hash h) {
      return Optional.ofNullable(all.get(h));
    }

    Hash apply(Hash root, TreeMap<StateKey, Optional<byte[]>> changes) {
      SparseMerkleTree.UpdateResult r =
          SparseMerkleTree.update(this, root, StateChanges.copyOf(changes));
      all.putAll(r.created());
      return r.root();
    }
  }

  static StateKey key(int i) {
    return StateKey.of(("k/" + i).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] value(int i, int version) {
    return ("v" + i + "." + version).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical root computed from scratch, straight from the definition (the oracle). */
  static Hash referenceRoot(Map<StateKey, byte[]> state) {
    TreeMap<Hash, Hash> leaves = new TreeMap<>();
    state.forEach((k, v) -> leaves.put(SparseMerkleTree.keyHash(k), Hash.sha256(v)));
    return ref(new ArrayList<>(leaves.entrySet()), 0);
  }

  private static Hash ref(List<Map.Entry<Hash, Hash>> items, int depth) {
    if (items.isEmpty()) {
      return Hash.ZERO;
    }
    if (items.size() == 1) {
      return SmtNode.leafHash(items.get(0).getKey(), items.get(0).getValue());
    }
    List<Map.Entry<Hash, Hash>> left = new ArrayList<>();
    List<Map.Entry<Hash, Hash>> right = new ArrayList<>();
    for (Map.Entry<Hash, Hash> e : items) {
      (SparseMerkleTree.bit(e.getKey(), depth) == 0 ? left : right).add(e);
    }
    return SmtNode.internalHash(ref(left, depth + 1), ref(right, depth + 1));
  }

  @Property(tries = 60)
  void batchedUpdatesMatchTheReferenceRootAndEveryProofVerifies(
      @ForAll @IntRange(min = 1, max = 200) int ops, @ForAll long seed) {
    Random rnd = new Random(seed);
    Nodes nodes = new Nodes();
    Map<StateKey, byte[]> model = new HashMap<>();
    Hash root = SparseMerkleTree.EMPTY_ROOT;
    int done = 0;
    while (done < ops) {
      TreeMap<StateKey, Optional<byte[]>> batch = new TreeMap<>();
      int size = 1 + rnd.nextInt(20);
      for (int j = 0; j < size && done < ops; j++, done++) {
        int k = rnd.nextInt(40);
        if (rnd.nextInt(4) == 0) {
          batch.put(key(k), Optional.empty());
          model.remove(key(k));
        } else {
          byte[] v = value(k, done);
          batch.put(key(k), Optional.of(v));
          model.put(key(k), v);
        }
      }
      root = nodes.apply(root, batch);
      assertThat(root).isEqualTo(referenceRoot(model));
    }
    for (int k = 0; k < 40; k++) {
      Optional<byte[]> v = Optional.ofNullable(model.get(key(k)));
      assertThat(SparseMerkleTree.get(nodes, root, key(k))).usingRecursiveComparison().isEqualTo(v);
      SmtProof proof = SparseMerkleTree.prove(nodes, root, key(k));
      assertThat(proof.verify(root, key(k), v)).as("proof of key %d", k).isTrue();
    }
  }

  @Test
  void rootDependsOnContentNotOnOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      order.add(i);
    }
    Hash first = null;
    for (int trial = 0; trial < 3; trial++) {
      Collections.shuffle(order, new Random(trial));
      Nodes nodes = new Nodes();
      Hash root = SparseMerkleTree.EMPTY_ROOT;
      for (int i : order) {
        TreeMap<StateKey, Optional<byte[]>> one = new TreeMap<>();
        one.put(key(i), Optional.of(value(i, 0)));
        root = nodes.apply(root, one);
      }
      if (first == null) {
        first = root;
      }
      assertThat(root).isEqualTo(first);
    }
  }

  @Test
  void deletingEverythingReturnsToTheEmptyRoot() {
    Nodes nodes = new Nodes();
    TreeMap<StateKey, Optional<byte[]>> put = new TreeMap<>();
    TreeMap<StateKey, Optional<byte[]>> del = new TreeMap<>();
    for (int i = 0; i < 50; i++) {
      put.put(key(i), Optional.of(value(i, 0)));
      del.put(key(i), Optional.empty());
    }
    Hash full = nodes.apply(SparseMerkleTree.EMPTY_ROOT, put);
    assertThat(full).isNotEqualTo(SparseMerkleTree.EMPTY_ROOT);
    assertThat(nodes.apply(full, del)).isEqualTo(SparseMerkleTree.EMPTY_ROOT);
  }

  @Test
  void oldRootsStayReadable() {
    Nodes nodes = new Nodes();
    TreeMap<StateKey, Optional<byte[]>> a = new TreeMap<>();
    a.put(key(1), Optional.of(value(1, 1)));
    a.put(key(2), Optional.of(value(2, 1)));
    Hash r1 = nodes.apply(SparseMerkleTree.EMPTY_ROOT, a);
    TreeMap<StateKey, Optional<byte[]>> b = new TreeMap<>();
    b.put(key(1), Optional.of(value(1, 2)));
    Hash r2 = nodes.apply(r1, b);
    assertThat(SparseMerkleTree.get(nodes, r1, key(1)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value(1, 1)));
    assertThat(SparseMerkleTree.get(nodes, r2, key(1)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value(1, 2)));
  }

  @Property(tries = 40)
  void tamperedProofsFail(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll long seed) {
    Random rnd = new Random(seed);
    Nodes nodes = new Nodes();
    TreeMap<StateKey, Optional<byte[]>> put = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      put.put(key(i), Optional.of(value(i, 0)));
    }
    Hash root = nodes.apply(SparseMerkleTree.EMPTY_ROOT, put);
    StateKey present = key(rnd.nextInt(n));
    byte[] v = put.get(present).orElseThrow();
    SmtProof p = SparseMerkleTree.prove(nodes, root, present);
    assertThat(p.verify(root, present, Optional.of(v))).isTrue();

    // a different value, no value, another root, another key
    assertThat(p.verify(root, present, Optional.of("forged".getBytes(StandardCharsets.UTF_8))))
        .isFalse();
    assertThat(p.verify(root, present, Optional.empty())).isFalse();
    assertThat(p.verify(Hash.sha256(root.bytes()), present, Optional.of(v))).isFalse();
    assertThat(p.verify(root, key(n + 1), Optional.of(v))).isFalse();
    // a flipped bit in any sibling
    if (!p.siblings().isEmpty()) {
      List<Hash> sib = new ArrayList<>(p.siblings());
      int i = rnd.nextInt(sib.size());
      byte[] b = sib.get(i).bytes();
      b[rnd.nextInt(32)] ^= 1;
      sib.set(i, Hash.wrap(b));
      assertThat(new SmtProof(sib, p.terminal()).verify(root, present, Optional.of(v))).isFalse();
      // a sibling dropped
      assertThat(
              new SmtProof(p.siblings().subList(1, p.siblings().size()), p.terminal())
                  .verify(root, present, Optional.of(v)))
          .isFalse();
    }
    // an absence proof for a present key, built from another key's path
    StateKey absent = key(n + 7);
    SmtProof ap = SparseMerkleTree.prove(nodes, root, absent);
    assertThat(ap.verify(root, absent, Optional.empty())).isTrue();
    assertThat(ap.verify(root, absent, Optional.of(v))).isFalse();
    assertThat(ap.verify(root, present, Optional.empty())).isFalse();
    assertThat(
            new SmtProof(p.siblings(), new SmtProof.EmptyTerminal())
                .verify(root, present, Optional.empty()))
        .isFalse();
  }

  @Test
  void emptyTreeProvesAbsence() {
    Nodes nodes = new Nodes();
    SmtProof p = SparseMerkleTree.prove(nodes, SparseMerkleTree.EMPTY_ROOT, key(1));
    assertThat(p.siblings()).isEmpty();
    assertThat(p.verify(SparseMerkleTree.EMPTY_ROOT, key(1), Optional.empty())).isTrue();
    assertThat(p.verify(SparseMerkleTree.EMPTY_ROOT, key(1), Optional.of(new byte[] {1})))
        .isFalse();
  }
}
