package dev.openledger.ml.format;

import java.util.Arrays;

/**
 * A named, row-major float tensor: the one weight representation shared by the file formats and the
 * engine (which copies {@link #data} into its own flat buffers). Shape lists the outermost
 * dimension first, as in PyTorch; a linear layer's weight is {@code [out, in]}.
 *
 * <p>The record owns {@code data} without copying it (weights are large): callers must not change
 * the array after handing it over. Equality compares name, shape and every float bit pattern.
 *
 * @param name tensor name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param shape dimensions, each ≥ 0; {@code []} is a scalar
 * @param data the elements, {@code product(shape)} of them
 */
public record Tensor(String name, int[] shape, float[] data) {
  public Tensor {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a tensor needs a name");
    }
    shape = shape.clone();
    long n = numel(shape);
    if (n != data.length) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + n
              + " elements but data has "
              + data.length);
    }
  }

  /** A tensor of the given shape. */
  public static Tensor of(String name, float[] data, int... shape) {
    return new Tensor(name, shape, data);
  }

  /** A tensor of zeros. */
  public static Tensor zeros(String name, int... shape) {
    return new Tensor(name, shape, new float[Math.toIntExact(numel(shape))]);
  }

  /** Number of elements of {@code shape}; throws on negative dimensions or overflow. */
  public static long numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Dimension {@code i} of the shape. */
  public int dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  /** Whether the shape equals {@code expected}. */
  public boolean hasShape(int... expected) {
    return Arrays.equals(shape, expected);
  }

  /** The same data under another name. */
  public Tensor renamed(String newName) {
    return new Tensor(newName, shape, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
