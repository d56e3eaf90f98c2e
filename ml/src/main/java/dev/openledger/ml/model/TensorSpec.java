package dev.openledger.ml.model;

import java.util.Arrays;

/**
 * One named tensor inside a flat parameter buffer.
 *
 * @param name Hugging Face (or PEFT) tensor name
 * @param shape dimensions, row-major ({@code [out, in]} for linear weights)
 * @param offset index of the first element in the buffer
 */
public record TensorSpec(String name, int[] shape, int offset) {

  public TensorSpec {
    if (name == null || name.isEmpty() || shape.length == 0 || offset < 0) {
      throw new IllegalArgumentException("bad tensor spec " + name);
    }
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "tensor " + name + " has a non-positive dimension " + Arrays.toString(shape));
      }
    }
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    int n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && t.name.equals(name)
        && Arrays.equals(t.shape, shape)
        && t.offset == offset;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape) * 7 + offset;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + "@" + offset;
  }
}
