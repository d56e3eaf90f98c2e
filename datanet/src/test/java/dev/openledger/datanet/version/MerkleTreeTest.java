package dev.openledger.datanet.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  static List<VersionLeaf> leaves(int n, long seed) {
    Random r = new Random(seed);
    List<VersionLeaf> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      out.add(
          new VersionLeaf(
              Hash.wrap(id),
              Address.module("owner" + r.nextInt(5)),
              Hash.sha256(("text" + i).getBytes())));
    }
    out.sort(java.util.Comparator.comparing(VersionLeaf::rowId));
    return out;
  }

  @Test
  void rootFollowsTheDocumentedConstruction() {
    List<VersionLeaf> l = leaves(3, 1);
    Hash h0 =
        Hash.sha256(
            new byte[] {0},
            l.get(0).rowId().bytes(),
            l.get(0).owner().bytes(),
            l.get(0).textHash().bytes());
    Hash h1 =
        Hash.sha256(
            new byte[] {0},
            l.get(1).rowId().bytes(),
            l.get(1).owner().bytes(),
            l.get(1).textHash().bytes());
    Hash h2 =
        Hash.sha256(
            new byte[] {0},
            l.get(2).rowId().bytes(),
            l.get(2).owner().bytes(),
            l.get(2).textHash().bytes());
    Hash n01 = Hash.sha256(new byte[] {1}, h0.bytes(), h1.bytes());
    Hash top = Hash.sha256(new byte[] {1}, n01.bytes(), h2.bytes()); // h2 promoted, then paired
    Hash root = Hash.sha256(new byte[] {2}, ByteBuffer.allocate(8).putLong(3).array(), top.bytes());
    assertThat(MerkleTree.build(l).root()).isEqualTo(root);
    Hash single =
        Hash.sha256(new byte[] {2}, ByteBuffer.allocate(8).putLong(1).array(), h0.bytes());
    assertThat(MerkleTree.build(l.subList(0, 1)).root()).isEqualTo(single);
  }

  @Test
  void rejectsEmptyAndUnsortedLeaves() {
    assertThatThrownBy(() -> MerkleTree.build(List.of())).hasMessageContaining("at least one");
    List<VersionLeaf> l = new ArrayList<>(leaves(2, 2));
    java.util.Collections.reverse(l);
    assertThatThrownBy(() -> MerkleTree.build(l)).hasMessageContaining("sorted");
  }

  @Property(tries = 60)
  void everyProofVerifiesAndEveryTamperFails(
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll long seed) {
    List<VersionLeaf> l = leaves(n, seed);
    MerkleTree tree = MerkleTree.build(l);
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      InclusionProof p = tree.proof(i);
      assertThat(p.verify(tree.root())).isTrue();
      assertThat(tree.indexOf(l.get(i).rowId())).contains(i);
      for (InclusionProof bad : tampered(p, r)) {
        assertThat(bad.verify(tree.root())).as("tampered %s", bad).isFalse();
      }
    }
    assertThat(tree.proof(0).verify(Hash.sha256(tree.root().bytes()))).isFalse();
  }

  private static List<InclusionProof> tampered(InclusionProof p, Random r) {
    List<InclusionProof> out = new ArrayList<>();
    VersionLeaf leaf = p.leaf();
    out.add(
        new InclusionProof(
            new VersionLeaf(flip(leaf.rowId(), r), leaf.owner(), leaf.textHash()),
            p.leafIndex(),
            p.leafCount(),
            p.siblings()));
    out.add(
        new InclusionProof(
            new VersionLeaf(leaf.rowId(), Address.module("mallory"), leaf.textHash()),
            p.leafIndex(),
            p.leafCount(),
            p.siblings()));
    out.add(
        new InclusionProof(
            new VersionLeaf(leaf.rowId(), leaf.owner(), flip(leaf.textHash(), r)),
            p.leafIndex(),
            p.leafCount(),
            p.siblings()));
    out.add(new InclusionProof(leaf, p.leafIndex(), p.leafCount() + 1, p.siblings()));
    if (p.leafCount() > 1) {
      out.add(new InclusionProof(leaf, p.leafIndex(), p.leafCount() - 1, p.siblings()));
      out.add(
          new InclusionProof(
              leaf, (p.leafIndex() + 1) % p.leafCount(), p.leafCount(), p.siblings()));
    }
    out.add(
        new InclusionProof(leaf, p.leafIndex(), p.leafCount(), append(p.siblings(), Hash.ZERO)));
    if (!p.siblings().isEmpty()) {
      List<Hash> s = new ArrayList<>(p.siblings());
      int k = r.nextInt(s.size());
      s.set(k, flip(s.get(k), r));
      out.add(new InclusionProof(leaf, p.leafIndex(), p.leafCount(), s));
      out.add(
          new InclusionProof(
              leaf,
              p.leafIndex(),
              p.leafCount(),
              p.siblings().subList(0, p.siblings().size() - 1)));
    }
    return out;
  }

  private static List<Hash> append(List<Hash> l, Hash h) {
    List<Hash> out = new ArrayList<>(l);
    out.add(h);
    return out;
  }

  private static Hash flip(Hash h, Random r) {
    byte[] b = h.bytes();
    b[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
    return Hash.wrap(b);
  }
}
