package dev.openledger.ml.tensor;

/**
 * A view of {@code length} consecutive floats of {@code data} starting at {@code offset}.
 *
 * @param data backing array, shared and mutable
 * @param offset index of element 0
 * @param length number of elements
 */
public record Vec(float[] data, int offset, int length) {

  public Vec {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IndexOutOfBoundsException(
          "vector view [" + offset + ", +" + length + ") outside array of " + data.length);
    }
  }

  /** The whole array as a vector. */
  public static Vec of(float[] data) {
    return new Vec(data, 0, data.length);
  }

  public float get(int i) {
    return data[offset + i];
  }

  public void set(int i, float v) {
    data[offset + i] = v;
  }

  /** Elements {@code [from, to)} as a view of the same array. */
  public Vec slice(int from, int to) {
    return new Vec(data, offset + from, to - from);
  }

  /** A fresh array holding a copy of the elements. */
  public float[] toArray() {
    float[] out = new float[length];
    System.arraycopy(data, offset, out, 0, length);
    return out;
  }

  /** Sets every element to 0. */
  public void zero() {
    java.util.Arrays.fill(data, offset, offset + length, 0f);
  }
}
