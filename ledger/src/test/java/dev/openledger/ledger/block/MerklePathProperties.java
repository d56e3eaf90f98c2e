package dev.openledger.ledger.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Audit paths (RFC 6962 section 2.1.1) prove every item of every tree size, and nothing else. */
class MerklePathProperties {

  static List<Hash> items(int n, int seed) {
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Hash.sha256(new byte[] {(byte) seed, (byte) (i >> 8), (byte) i}));
    }
    return out;
  }

  @Property(tries = 200)
  void everyItemIsProvenAtItsIndexOnly(@ForAll @IntRange(min = 1, max = 300) int size, @ForAll @IntRange(min = 0, max = 299) int pick, @ForAll int seed) {
    List<Hash> items = items(size, seed);
    int index = pick % size;
    Hash root = MerkleRoot.ofHashes(items);
    List<Hash> path = MerkleRoot.pathOfHashes(items, index);
    assertThat(path.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)));
    assertThat(MerkleRoot.verifyHashInclusion(items.get(index), index, size, path, root)).isTrue();

    Hash other = Hash.sha256(new byte[] {1, 2, 3});
    assertThat(MerkleRoot.verifyHashInclusion(other, index, size, path, root)).as("another item").isFalse();
    if (size > 1) {
      assertThat(MerkleRoot.verifyHashInclusion(items.get(index), (index + 1) % size, size, path, root)).as("another index").isFalse();
      List<Hash> broken = new ArrayList<>(path);
      broken.set(0, other);
      assertThat(MerkleRoot.verifyHashInclusion(items.get(index), index, size, broken, root)).as("a wrong sibling").isFalse();
      assertThat(MerkleRoot.verifyHashInclusion(items.get(index), index, size, path.subList(0, path.size() - 1), root)).as("a short path").isFalse();
    } else {
      assertThat(path).isEmpty();
    }
    assertThat(MerkleRoot.verifyHashInclusion(items.get(index), size, size, path, root)).as("an index past the end").isFalse();
  }
}
