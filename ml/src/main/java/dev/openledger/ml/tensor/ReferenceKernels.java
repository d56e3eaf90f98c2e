package dev.openledger.ml.tensor;

/**
 * The oracle: every kernel as the plainest loop that computes it, single-threaded, summing left to
 * right in float. Slow on purpose; {@link VectorKernels} is tested against it.
 */
public final class ReferenceKernels implements Kernels {
  private static final WorkerPool SINGLE = new WorkerPool(1);

  @Override
  public WorkerPool pool() {
    return SINGLE;
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public void matmulABt(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkABt(c, a, b);
    for (int i = 0; i < c.rows(); i++) {
      for (int j = 0; j < c.cols(); j++) {
        float s = 0f;
        for (int k = 0; k < a.cols(); k++) {
          s += a.get(i, k) * b.get(j, k);
        }
        c.set(i, j, accumulate ? c.get(i, j) + s : s);
      }
    }
  }

  @Override
  public void matmulAB(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkAB(c, a, b);
    for (int i = 0; i < c.rows(); i++) {
      for (int j = 0; j < c.cols(); j++) {
        float s = 0f;
        for (int k = 0; k < a.cols(); k++) {
          s += a.get(i, k) * b.get(k, j);
        }
        c.set(i, j, accumulate ? c.get(i, j) + s : s);
      }
    }
  }

  @Override
  public void matmulAtB(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkAtB(c, a, b);
    for (int i = 0; i < c.rows(); i++) {
      for (int j = 0; j < c.cols(); j++) {
        float s = 0f;
        for (int k = 0; k < a.rows(); k++) {
          s += a.get(k, i) * b.get(k, j);
        }
        c.set(i, j, accumulate ? c.get(i, j) + s : s);
      }
    }
  }

  @Override
  public void matvec(Mat y, Mat w, Mat x) {
    matmulABt(y, x, w, false);
  }

  @Override
  public void rmsnorm(Mat out, Vec rstd, Mat x, Vec weight, float eps) {
    Shapes.checkRowwise(out, x, weight, rstd);
    int d = x.cols();
    for (int r = 0; r < x.rows(); r++) {
      float ss = 0f;
      for (int j = 0; j < d; j++) {
        ss += x.get(r, j) * x.get(r, j);
      }
      float s = (float) (1.0 / Math.sqrt(ss / d + eps));
      rstd.set(r, s);
      for (int j = 0; j < d; j++) {
        out.set(r, j, x.get(r, j) * s * weight.get(j));
      }
    }
  }

  @Override
  public void rmsnormBackward(Mat dx, Mat dout, Mat x, Vec weight, Vec rstd) {
    Shapes.checkRowwise(dx, x, weight, rstd);
    Shapes.checkSame(dout, x);
    int d = x.cols();
    for (int r = 0; r < x.rows(); r++) {
      float s = rstd.get(r);
      float dot = 0f; // <w ⊙ dout, x>
      for (int j = 0; j < d; j++) {
        dot += weight.get(j) * dout.get(r, j) * x.get(r, j);
      }
      float k = dot * s * s * s / d;
      for (int j = 0; j < d; j++) {
        dx.set(r, j, dx.get(r, j) + s * weight.get(j) * dout.get(r, j) - k * x.get(r, j));
      }
    }
  }

  @Override
  public void rmsnormWeightGrad(Vec dweight, Mat dout, Mat x, Vec rstd) {
    Shapes.checkSame(dout, x);
    for (int r = 0; r < x.rows(); r++) {
      float s = rstd.get(r);
      for (int j = 0; j < x.cols(); j++) {
        dweight.set(j, dweight.get(j) + dout.get(r, j) * x.get(r, j) * s);
      }
    }
  }

  @Override
  public void rope(Mat x, int[] positions, RopeTable table, boolean inverse) {
    int hs = table.headSize();
    int half = hs / 2;
    Shapes.checkRope(x, positions, table);
    for (int r = 0; r < x.rows(); r++) {
      int p = positions[r];
      for (int h = 0; h < x.cols() / hs; h++) {
        int base = h * hs;
        for (int i = 0; i < half; i++) {
          float c = table.cos(p, i);
          float s = inverse ? -table.sin(p, i) : table.sin(p, i);
          float x1 = x.get(r, base + i);
          float x2 = x.get(r, base + i + half);
          x.set(r, base + i, x1 * c - x2 * s);
          x.set(r, base + i + half, x2 * c + x1 * s);
        }
      }
    }
  }

  @Override
  public void softmax(Vec x) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length(); i++) {
      max = Math.max(max, x.get(i));
    }
    float sum = 0f;
    for (int i = 0; i < x.length(); i++) {
      float e = (float) Math.exp(x.get(i) - max);
      x.set(i, e);
      sum += e;
    }
    float inv = 1f / sum;
    for (int i = 0; i < x.length(); i++) {
      x.set(i, x.get(i) * inv);
    }
  }

  @Override
  public void softmaxBackward(Vec dx, Vec p, Vec dp) {
    float dot = 0f;
    for (int i = 0; i < p.length(); i++) {
      dot += p.get(i) * dp.get(i);
    }
    for (int i = 0; i < p.length(); i++) {
      dx.set(i, dx.get(i) + p.get(i) * (dp.get(i) - dot));
    }
  }

  @Override
  public void swiglu(Mat h, Mat gate, Mat up) {
    Shapes.checkSame(h, gate);
    Shapes.checkSame(h, up);
    for (int r = 0; r < h.rows(); r++) {
      for (int j = 0; j < h.cols(); j++) {
        float g = gate.get(r, j);
        float sig = (float) (1.0 / (1.0 + Math.exp(-g)));
        h.set(r, j, g * sig * up.get(r, j));
      }
    }
  }

  @Override
  public void swigluBackward(Mat dgate, Mat dup, Mat dh, Mat gate, Mat up) {
    Shapes.checkSame(dgate, gate);
    Shapes.checkSame(dup, gate);
    Shapes.checkSame(dh, gate);
    Shapes.checkSame(up, gate);
    for (int r = 0; r < gate.rows(); r++) {
      for (int j = 0; j < gate.cols(); j++) {
        float g = gate.get(r, j);
        float sig = (float) (1.0 / (1.0 + Math.exp(-g)));
        float d = dh.get(r, j);
        dup.set(r, j, d * g * sig);
        dgate.set(r, j, d * up.get(r, j) * sig * (1f + g * (1f - sig)));
      }
    }
  }

  @Override
  public float dot(Vec a, Vec b) {
    Shapes.checkSameLength(a, b);
    float s = 0f;
    for (int i = 0; i < a.length(); i++) {
      s += a.get(i) * b.get(i);
    }
    return s;
  }

  @Override
  public void axpy(float alpha, Vec x, Vec y) {
    Shapes.checkSameLength(x, y);
    for (int i = 0; i < x.length(); i++) {
      y.set(i, y.get(i) + alpha * x.get(i));
    }
  }

  @Override
  public void scale(Vec x, float s) {
    for (int i = 0; i < x.length(); i++) {
      x.set(i, x.get(i) * s);
    }
  }

  @Override
  public void add(Mat y, Mat x) {
    Shapes.checkSame(y, x);
    for (int r = 0; r < y.rows(); r++) {
      for (int j = 0; j < y.cols(); j++) {
        y.set(r, j, y.get(r, j) + x.get(r, j));
      }
    }
  }
}
