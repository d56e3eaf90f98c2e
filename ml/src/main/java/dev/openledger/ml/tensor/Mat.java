package dev.openledger.ml.tensor;

/**
 * A row-major matrix view {@code [rows, cols]} over a {@code float[]}: element {@code (i, j)} lives
 * at {@code data[offset + i * stride + j]}. A stride larger than {@code cols} views a column block
 * of a wider matrix (e.g. the query columns of a fused {@code [T, C + 2*KV]} q|k|v buffer).
 *
 * @param data backing array, shared and mutable
 * @param offset index of element (0, 0)
 * @param rows number of rows
 * @param cols number of columns
 * @param stride distance between the starts of consecutive rows, at least {@code cols}
 */
public record Mat(float[] data, int offset, int rows, int cols, int stride) {

  public Mat {
    if (rows < 0 || cols < 0 || offset < 0 || stride < cols) {
      throw new IllegalArgumentException(
          "bad matrix view: rows="
              + rows
              + " cols="
              + cols
              + " offset="
              + offset
              + " stride="
              + stride);
    }
    if (rows > 0 && cols > 0 && (long) offset + (long) (rows - 1) * stride + cols > data.length) {
      throw new IndexOutOfBoundsException(
          "matrix view "
              + rows
              + "x"
              + cols
              + " (stride "
              + stride
              + ") at "
              + offset
              + " outside array of "
              + data.length);
    }
  }

  /** A dense view: stride equals cols. */
  public Mat(float[] data, int offset, int rows, int cols) {
    this(data, offset, rows, cols, cols);
  }

  /** A fresh zeroed dense matrix. */
  public static Mat zeros(int rows, int cols) {
    return new Mat(new float[rows * cols], 0, rows, cols, cols);
  }

  /** A dense matrix over the whole array. */
  public static Mat of(float[] data, int rows, int cols) {
    if (data.length != rows * cols) {
      throw new IllegalArgumentException(
          "array of " + data.length + " is not " + rows + "x" + cols);
    }
    return new Mat(data, 0, rows, cols, cols);
  }

  public float get(int i, int j) {
    return data[offset + i * stride + j];
  }

  public void set(int i, int j, float v) {
    data[offset + i * stride + j] = v;
  }

  /** Index of element (i, j) in {@link #data()}. */
  public int index(int i, int j) {
    return offset + i * stride + j;
  }

  /** Row {@code i} as a vector view. */
  public Vec row(int i) {
    return new Vec(data, offset + i * stride, cols);
  }

  /** Rows {@code [from, to)}. */
  public Mat rows(int from, int to) {
    return new Mat(data, offset + from * stride, to - from, cols, stride);
  }

  /** Columns {@code [from, to)} of every row. */
  public Mat cols(int from, int to) {
    return new Mat(data, offset + from, rows, to - from, stride);
  }

  /** Whether rows follow each other with no gap, so the view is one contiguous run of floats. */
  public boolean isDense() {
    return stride == cols;
  }

  /** Sets every element to 0. */
  public void zero() {
    for (int i = 0; i < rows; i++) {
      int o = offset + i * stride;
      java.util.Arrays.fill(data, o, o + cols, 0f);
    }
  }

  /** A fresh dense copy. */
  public Mat copy() {
    Mat out = zeros(rows, cols);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, offset + i * stride, out.data, i * cols, cols);
    }
    return out;
  }
}
