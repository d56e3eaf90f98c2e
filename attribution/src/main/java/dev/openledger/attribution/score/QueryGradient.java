package dev.openledger.attribution.score;

import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.List;

/**
 * The gradient of the query's loss (NLL of the generated response given the prompt), one flat
 * vector per stored checkpoint, in the store's source layout (before projection). DataInf and
 * grad-dot use the last vector; TracIn uses all of them.
 *
 * @param checkpoints one vector per checkpoint, in checkpoint order
 */
public record QueryGradient(List<float[]> checkpoints) {
  public QueryGradient {
    if (checkpoints == null || checkpoints.isEmpty()) {
      throw new IllegalArgumentException("a query gradient needs at least one vector");
    }
    checkpoints = checkpoints.stream().map(float[]::clone).toList();
    int dim = checkpoints.get(0).length;
    for (float[] v : checkpoints) {
      if (v.length != dim) {
        throw new IllegalArgumentException("query vectors differ in length");
      }
      for (float x : v) {
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("query gradient has a non-finite element");
        }
      }
    }
  }

  /** A query gradient at the final checkpoint only. */
  public static QueryGradient ofFinal(float[] gradient) {
    return new QueryGradient(List.of(gradient));
  }

  /** The vector at the final checkpoint (a copy). */
  public float[] last() {
    return checkpoints.get(checkpoints.size() - 1).clone();
  }

  /** The vector of checkpoint {@code c} (a copy). */
  public float[] at(int c) {
    return checkpoints.get(c).clone();
  }

  public int count() {
    return checkpoints.size();
  }

  public int dim() {
    return checkpoints.get(0).length;
  }

  /** SHA-256 over the count, dimension and little-endian float32 bits of every vector. */
  public Hash hash() {
    MessageDigest md = Hash.newDigest();
    ByteBuffer head =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(count()).putInt(dim());
    md.update(head.array());
    for (float[] v : checkpoints) {
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      md.update(b.array());
    }
    return Hash.of(md);
  }
}
