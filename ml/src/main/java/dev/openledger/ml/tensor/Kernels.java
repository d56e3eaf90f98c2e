package dev.openledger.ml.tensor;

/**
 * The arithmetic of the engine. Dimension letters: {@code M, N, K} for products ({@code C[M,N] =
 * A[M,K]·B[K,N]}), {@code R} rows and {@code D} row width for row-wise operations.
 *
 * <p>Matrix outputs may not alias inputs unless a method says so. Operations named {@code
 * ...Backward} or with {@code accumulate = true} add into their outputs (gradients accumulate, as
 * in llm.c).
 *
 * <p>Implementations: {@link ReferenceKernels} (plain loops, the oracle) and {@link VectorKernels}
 * (Vector API, packed GEMM, a fixed worker pool).
 */
public interface Kernels {

  /**
   * The kernels this JVM runs fastest: {@link VectorKernels} on a shared pool with one worker per
   * core.
   */
  static Kernels best() {
    return VectorKernels.shared();
  }

  /** A short name for logs and benchmark output, e.g. {@code vector-512bit-x2}. */
  String name();

  /** The pool the kernels spread work over; layers use it for their own coarse-grained loops. */
  WorkerPool pool();

  // ---------------------------------------------------------------- products

  /**
   * {@code C[M,N] (+)= A[M,K] · B[N,K]ᵀ}: a linear layer's forward pass, {@code Y = X·Wᵀ} with
   * {@code W} stored {@code [out, in]}.
   */
  void matmulABt(Mat c, Mat a, Mat b, boolean accumulate);

  /** {@code C[M,N] (+)= A[M,K] · B[K,N]}: a linear layer's input gradient, {@code dX = dY·W}. */
  void matmulAB(Mat c, Mat a, Mat b, boolean accumulate);

  /**
   * {@code C[M,N] (+)= A[K,M]ᵀ · B[K,N]}: a sum of outer products over the {@code K} rows, e.g. a
   * weight gradient {@code dW += dYᵀ·X}.
   */
  void matmulAtB(Mat c, Mat a, Mat b, boolean accumulate);

  /**
   * Batched matrix-vector product {@code Y[B,O] = X[B,I] · W[O,I]ᵀ}: same result as {@link
   * #matmulABt} with {@code accumulate = false}, computed by streaming each row of {@code W} once
   * past all {@code B} inputs. This is the decoding kernel, where {@code B} is small and reading
   * {@code W} dominates.
   */
  void matvec(Mat y, Mat w, Mat x);

  // ---------------------------------------------------------------- row-wise

  /**
   * RMSNorm per row (Zhang and Sennrich, 2019): {@code out = x * rstd * weight} with {@code rstd =
   * 1/sqrt(mean(x²) + eps)}. {@code x, out: [R, D]}, {@code weight: [D]}, {@code rstd: [R]}
   * receives each row's reciprocal RMS for the backward pass. {@code out} may be {@code x}.
   */
  void rmsnorm(Mat out, Vec rstd, Mat x, Vec weight, float eps);

  /**
   * Input gradient of {@link #rmsnorm}, added into {@code dx}: {@code dx += rstd·(w⊙dout) −
   * x·rstd³·⟨w⊙dout, x⟩/D}.
   */
  void rmsnormBackward(Mat dx, Mat dout, Mat x, Vec weight, Vec rstd);

  /**
   * Weight gradient of {@link #rmsnorm}, added into {@code dweight}: {@code dweight += Σ_rows
   * dout⊙x·rstd}.
   */
  void rmsnormWeightGrad(Vec dweight, Mat dout, Mat x, Vec rstd);

  /**
   * Rotates each head of each row in place by RoPE: row {@code r} of {@code x [R, nHeads*HS]} is at
   * position {@code positions[r]}. With {@code inverse} it turns by the opposite angle, which is
   * the backward pass.
   */
  void rope(Mat x, int[] positions, RopeTable table, boolean inverse);

  /** Numerically stable softmax in place: {@code x = exp(x - max) / Σ exp(x - max)}. */
  void softmax(Vec x);

  /** Softmax backward, added into {@code dx}: {@code dx += p ⊙ (dp − ⟨p, dp⟩)}. */
  void softmaxBackward(Vec dx, Vec p, Vec dp);

  /**
   * SwiGLU (Shazeer, 2020): {@code h = silu(gate) ⊙ up} with {@code silu(g) = g·σ(g)}; all {@code
   * [R, D]}.
   */
  void swiglu(Mat h, Mat gate, Mat up);

  /**
   * SwiGLU backward, written (not added) into {@code dgate} and {@code dup}: {@code dup =
   * dh⊙silu(g)}, {@code dgate = dh⊙up⊙σ(g)·(1 + g·(1−σ(g)))}.
   */
  void swigluBackward(Mat dgate, Mat dup, Mat dh, Mat gate, Mat up);

  // ---------------------------------------------------------------- vectors

  /** {@code ⟨a, b⟩}. */
  float dot(Vec a, Vec b);

  /** {@code y += alpha·x}. */
  void axpy(float alpha, Vec x, Vec y);

  /** {@code x *= s}. */
  void scale(Vec x, float s);

  /** {@code y += x}, element-wise over matrices of the same shape (a residual connection). */
  void add(Mat y, Mat x);
}
