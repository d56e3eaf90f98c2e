package dev.openledger.ml.tensor;

/** Shape checks shared by the kernel implementations; a mismatch is a bug in the caller. */
final class Shapes {
  private Shapes() {}

  static void checkABt(Mat c, Mat a, Mat b) {
    if (a.rows() != c.rows() || b.rows() != c.cols() || a.cols() != b.cols()) {
      throw mismatch("C[M,N] = A[M,K]·B[N,K]ᵀ", c, a, b);
    }
  }

  static void checkAB(Mat c, Mat a, Mat b) {
    if (a.rows() != c.rows() || b.cols() != c.cols() || a.cols() != b.rows()) {
      throw mismatch("C[M,N] = A[M,K]·B[K,N]", c, a, b);
    }
  }

  static void checkAtB(Mat c, Mat a, Mat b) {
    if (a.cols() != c.rows() || b.cols() != c.cols() || a.rows() != b.rows()) {
      throw mismatch("C[M,N] = A[K,M]ᵀ·B[K,N]", c, a, b);
    }
  }

  static void checkRowwise(Mat out, Mat x, Vec weight, Vec rstd) {
    checkSame(out, x);
    if (weight.length() != x.cols() || rstd.length() != x.rows()) {
      throw new IllegalArgumentException(
          "row-wise op on "
              + dims(x)
              + " needs weight["
              + x.cols()
              + "] and stats["
              + x.rows()
              + "], got weight["
              + weight.length()
              + "] and stats["
              + rstd.length()
              + "]");
    }
  }

  static void checkRope(Mat x, int[] positions, RopeTable table) {
    if (x.cols() % table.headSize() != 0 || positions.length < x.rows()) {
      throw new IllegalArgumentException(
          "RoPE on "
              + dims(x)
              + " with head size "
              + table.headSize()
              + " and "
              + positions.length
              + " positions");
    }
    for (int r = 0; r < x.rows(); r++) {
      if (positions[r] < 0 || positions[r] >= table.maxSeqLen()) {
        throw new IllegalArgumentException(
            "position " + positions[r] + " outside the RoPE table of " + table.maxSeqLen());
      }
    }
  }

  static void checkSame(Mat a, Mat b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
      throw new IllegalArgumentException("shape mismatch: " + dims(a) + " vs " + dims(b));
    }
  }

  static void checkSameLength(Vec a, Vec b) {
    if (a.length() != b.length()) {
      throw new IllegalArgumentException("length mismatch: " + a.length() + " vs " + b.length());
    }
  }

  private static IllegalArgumentException mismatch(String what, Mat c, Mat a, Mat b) {
    return new IllegalArgumentException(
        what + ": C=" + dims(c) + " A=" + dims(a) + " B=" + dims(b));
  }

  static String dims(Mat m) {
    return "[" + m.rows() + "," + m.cols() + "]";
  }
}
