package dev.openledger.ml.bench;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel throughput next to the machine's measured FMA peak: the packed GEMM on square and
 * model-shaped products, and the streaming matrix-vector product (memory-bound; reported in GB/s of
 * weights read).
 */
public final class KernelBench {
  private KernelBench() {}

  /** One product measured. */
  public record Product(
      String kernel, int m, int n, int k, int threads, double gflops, double percentOfPeak) {}

  /** One matrix-vector measurement: {@code batch} vectors against a {@code rows x cols} matrix. */
  public record MatVec(
      int rows, int cols, int batch, int threads, double gflops, double weightGBps) {}

  /**
   * Everything measured.
   *
   * @param vector the kernels' name (vector width)
   * @param peak1 FMA peak of one thread, GFLOP/s
   * @param peakAll FMA peak of all threads together
   * @param threads threads of the multi-threaded runs
   */
  public record Report(
      String vector,
      double peak1,
      double peakAll,
      int threads,
      List<Product> products,
      List<MatVec> matvecs) {}

  /** Runs the kernel benchmarks (about 30 s). */
  public static Report run(int threads) throws InterruptedException {
    double peak1 = FmaPeak.singleThreadGflops(1000);
    double peakAll = FmaPeak.multiThreadGflops(threads, 1000);
    List<Product> products = new ArrayList<>();
    List<MatVec> mvs = new ArrayList<>();
    try (WorkerPool one = new WorkerPool(1);
        WorkerPool all = new WorkerPool(threads)) {
      Kernels k1 = new VectorKernels(one);
      Kernels kn = new VectorKernels(all);
      int[][] shapes = {{512, 512, 512}, {1024, 768, 256}, {1024, 256, 768}, {2048, 4096, 256}};
      for (int[] s : shapes) {
        products.add(product(k1, 1, s, peak1));
        products.add(product(kn, threads, s, peakAll));
      }
      int[][] mv = {{4096, 4096, 1}, {768, 256, 1}, {768, 256, 8}, {4096, 256, 8}};
      for (int[] s : mv) {
        mvs.add(matvec(k1, 1, s));
        mvs.add(matvec(kn, threads, s));
      }
      return new Report(kn.name(), peak1, peakAll, threads, products, mvs);
    }
  }

  private static Product product(Kernels k, int threads, int[] s, double peak) {
    Mat a = random(s[0], s[2], 1);
    Mat b = random(s[1], s[2], 2);
    Mat c = Mat.zeros(s[0], s[1]);
    double sec = Timing.bestSeconds(() -> k.matmulABt(c, a, b, false), 1500, 1500);
    double gf = 2.0 * s[0] * s[1] * s[2] / sec / 1e9;
    return new Product("matmulABt", s[0], s[1], s[2], threads, gf, 100 * gf / peak);
  }

  private static MatVec matvec(Kernels k, int threads, int[] s) {
    Mat w = random(s[0], s[1], 3);
    Mat x = random(s[2], s[1], 4);
    Mat y = Mat.zeros(s[2], s[0]);
    double sec = Timing.medianSeconds(() -> k.matvec(y, w, x), 1000, 201);
    return new MatVec(
        s[0],
        s[1],
        s[2],
        threads,
        2.0 * s[0] * s[1] * s[2] / sec / 1e9,
        4.0 * s[0] * s[1] / sec / 1e9);
  }

  static Mat random(int rows, int cols, long seed) {
    Rng rng = new Rng(seed);
    Mat m = Mat.zeros(rows, cols);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = rng.nextFloat() - 0.5f;
    }
    return m;
  }
}
