package dev.openledger.ml.nn;

import static dev.openledger.ml.tensor.GradCheck.check;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.RopeTable;
import dev.openledger.ml.tensor.Vec;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every layer's backward pass. Each layer's output is reduced to a
 * scalar {@code L = Σ r ⊙ out} with fixed random {@code r} (summed in double), so {@code dout = r};
 * see {@link dev.openledger.ml.tensor.GradCheck} for the tolerance.
 */
class LayerGradientCheckTest {
  private static final Kernels K = new VectorKernels(new WorkerPool(2));

  @Test
  void linear() {
    Rng rng = new Rng(1);
    Mat x = rand(rng, 5, 7);
    Mat w = rand(rng, 6, 7);
    Mat r = rand(rng, 5, 6);
    Mat y = Mat.zeros(5, 6);
    java.util.function.DoubleSupplier loss =
        () -> {
          K.matmulABt(y, x, w, false);
          return dot(r, y);
        };
    Mat dx = Mat.zeros(5, 7);
    Mat dw = Mat.zeros(6, 7);
    K.matmulAB(dx, r, w, false); // dX = dY·W
    K.matmulAtB(dw, r, x, false); // dW = dYᵀ·X
    check("linear dx", x.data(), 0, dx.data(), 35, 1, loss);
    check("linear dW", w.data(), 0, dw.data(), 42, 1, loss);
  }

  @Test
  void rmsnorm() {
    Rng rng = new Rng(2);
    Mat x = rand(rng, 4, 9);
    Vec w = Vec.of(rand(rng, 1, 9).data());
    Mat r = rand(rng, 4, 9);
    Mat out = Mat.zeros(4, 9);
    Vec rstd = Vec.of(new float[4]);
    java.util.function.DoubleSupplier loss =
        () -> {
          K.rmsnorm(out, rstd, x, w, 1e-5f);
          return dot(r, out);
        };
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    Mat dx = Mat.zeros(4, 9);
    Vec dw = Vec.of(new float[9]);
    K.rmsnormBackward(dx, r, x, w, rstd);
    K.rmsnormWeightGrad(dw, r, x, rstd);
    check("rmsnorm dx", x.data(), 0, dx.data(), 36, 1, loss);
    check("rmsnorm dw", w.data(), 0, dw.data(), 9, 1, loss);
  }

  @Test
  void rope() {
    Rng rng = new Rng(3);
    RopeTable table = new RopeTable(8, 16, 10000f);
    int[] pos = {0, 3, 15, 7};
    Mat x = rand(rng, 4, 16);
    Mat r = rand(rng, 4, 16);
    java.util.function.DoubleSupplier loss =
        () -> {
          Mat y = x.copy();
          K.rope(y, pos, table, false);
          return dot(r, y);
        };
    Mat dx = r.copy();
    K.rope(dx, pos, table, true); // the inverse rotation is the transpose
    check("rope dx", x.data(), 0, dx.data(), 64, 1, loss);
  }

  @Test
  void softmax() {
    Rng rng = new Rng(4);
    float[] x = rand(rng, 1, 11).data();
    float[] r = rand(rng, 1, 11).data();
    java.util.function.DoubleSupplier loss =
        () -> {
          Vec p = Vec.of(x.clone());
          K.softmax(p);
          return dot(Mat.of(r, 1, 11), Mat.of(p.data(), 1, 11));
        };
    Vec p = Vec.of(x.clone());
    K.softmax(p);
    Vec dx = Vec.of(new float[11]);
    K.softmaxBackward(dx, p, Vec.of(r));
    check("softmax dx", x, 0, dx.data(), 11, 1, loss);
  }

  @Test
  void swiglu() {
    Rng rng = new Rng(5);
    Mat g = rand(rng, 3, 10);
    Mat u = rand(rng, 3, 10);
    for (int i = 0; i < 30; i++) {
      g.data()[i] *= 4f;
    }
    Mat r = rand(rng, 3, 10);
    Mat h = Mat.zeros(3, 10);
    java.util.function.DoubleSupplier loss =
        () -> {
          K.swiglu(h, g, u);
          return dot(r, h);
        };
    Mat dg = Mat.zeros(3, 10);
    Mat du = Mat.zeros(3, 10);
    K.swigluBackward(dg, du, r, g, u);
    check("swiglu dgate", g.data(), 0, dg.data(), 30, 1, loss);
    check("swiglu dup", u.data(), 0, du.data(), 30, 1, loss);
  }

  @Test
  void attentionWithGroupedHeads() {
    Rng rng = new Rng(6);
    AttentionShape shape = new AttentionShape(2, 5, 4, 2, 3);
    Attention attn = new Attention(K, shape);
    int n = 10;
    Mat qkv = rand(rng, n, shape.qkvDim());
    Mat r = rand(rng, n, shape.dim());
    Mat y = Mat.zeros(n, shape.dim());
    Mat att = Mat.zeros(2 * 4 * 5, 5);
    java.util.function.DoubleSupplier loss =
        () -> {
          attn.forward(y, att, qkv);
          return dot(r, y);
        };
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    Mat dqkv = Mat.zeros(n, shape.qkvDim());
    attn.backward(dqkv, r, qkv, att);
    check("attention dqkv", qkv.data(), 0, dqkv.data(), n * shape.qkvDim(), 1, loss);
  }

  @Test
  void crossEntropy() {
    Rng rng = new Rng(7);
    Mat logits = rand(rng, 4, 6);
    int[] targets = {2, CrossEntropy.IGNORE, 0, 5};
    float[] weights = CrossEntropy.meanWeights(targets);
    java.util.function.DoubleSupplier loss =
        () -> {
          Mat p = Mat.zeros(4, 6);
          CrossEntropy.softmax(K, p, logits);
          return CrossEntropy.forward(new float[4], p, targets);
        };
    Mat p = Mat.zeros(4, 6);
    CrossEntropy.softmax(K, p, logits);
    CrossEntropy.backward(K, p, p, targets, weights);
    check("cross-entropy dlogits", logits.data(), 0, p.data(), 24, 1, loss);
  }

  @Test
  void embedding() {
    Rng rng = new Rng(8);
    Mat table = rand(rng, 5, 3);
    int[] tokens = {4, 1, 4, 0};
    Mat r = rand(rng, 4, 3);
    java.util.function.DoubleSupplier loss =
        () -> {
          Mat out = Mat.zeros(4, 3);
          Embedding.forward(out, table, tokens);
          return dot(r, out);
        };
    Mat dt = Mat.zeros(5, 3);
    Embedding.backward(dt, r, tokens);
    check("embedding dtable", table.data(), 0, dt.data(), 15, 1, loss);
  }

  @Test
  void loraDelta() {
    loraDelta(false);
  }

  @Test
  void loraDeltaWithDropout() {
    loraDelta(true);
  }

  private void loraDelta(boolean dropout) {
    Rng rng = new Rng(dropout ? 10 : 9);
    int n = 6;
    int in = 7;
    int out = 5;
    int rank = 3;
    Mat x = rand(rng, n, in);
    Mat a = rand(rng, rank, in);
    Mat b = rand(rng, out, rank);
    LoraTarget t = new LoraTarget(a, b, 0.75f);
    Mat mask = dropout ? Mat.zeros(n, in) : null;
    if (dropout) {
      LoraDelta.sampleMask(mask, 0.3f, rng);
    }
    LoraActs acts =
        new LoraActs(
            x, Mat.zeros(n, rank), Mat.zeros(n, rank), mask, dropout ? Mat.zeros(n, in) : null);
    LoraDelta delta = new LoraDelta(K);
    Mat r = rand(rng, n, out);
    java.util.function.DoubleSupplier loss =
        () -> {
          Mat y = Mat.zeros(n, out);
          delta.forward(y, t, acts);
          return dot(r, y);
        };
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    Mat dx = Mat.zeros(n, in);
    Mat da = Mat.zeros(rank, in);
    Mat db = Mat.zeros(out, rank);
    delta.backward(dx, r, t, acts, new LoraGradSink.Summed(da, db));
    check("lora dx", x.data(), 0, dx.data(), n * in, 1, loss);
    check("lora dA", a.data(), 0, da.data(), rank * in, 1, loss);
    check("lora dB", b.data(), 0, db.data(), out * rank, 1, loss);
  }

  static Mat rand(Rng rng, int rows, int cols) {
    Mat m = Mat.zeros(rows, cols);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return m;
  }

  static double dot(Mat a, Mat b) {
    double s = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        s += (double) a.get(i, j) * b.get(i, j);
      }
    }
    return s;
  }
}
