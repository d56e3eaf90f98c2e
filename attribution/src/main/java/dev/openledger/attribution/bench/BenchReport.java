package dev.openledger.attribution.bench;

import java.util.List;

/**
 * What {@link AttributionBench} measured. Times are wall-clock medians over repeated runs after
 * warm-up.
 *
 * @param cpu the processor model
 * @param cores available processors
 * @param loadAverage the one-minute load average when the run started
 * @param threads scoring threads
 * @param projection cost of projecting one gradient
 * @param gradient one entry per store size
 * @param span the span index figures
 * @param suffixArray SA-IS on raw bytes (for comparison with libdivsufsort), when asked for
 */
public record BenchReport(
    String cpu,
    int cores,
    double loadAverage,
    int threads,
    ProjectionCase projection,
    List<GradientCase> gradient,
    SpanCase span,
    List<SuffixArrayCase> suffixArray) {

  /**
   * @param sourceDim gradient elements (LoRA parameters of the model)
   * @param projectedDim stored elements after projection
   * @param msPerRow milliseconds to project one gradient
   */
  public record ProjectionCase(String model, int sourceDim, int projectedDim, double msPerRow) {}

  /**
   * @param rows stored rows
   * @param storedDim floats per stored row
   * @param storeBytesPerRow file size over rows
   * @param writeSeconds writing and sealing the store
   * @param openSeconds opening it, hash verification included
   * @param dataInfMs one DataInf query: projecting the query gradient and three passes over the
   *     store
   * @param gradDotMs one grad-dot query (one pass)
   */
  public record GradientCase(
      int rows,
      int storedDim,
      double storeBytesPerRow,
      double writeSeconds,
      double openSeconds,
      double dataInfMs,
      double gradDotMs) {}

  /**
   * @param tokens corpus tokens
   * @param documents corpus documents
   * @param saisSeconds SA-IS alone
   * @param lcpSeconds Kasai alone
   * @param buildSeconds the whole index build (SA-IS, LCP, copy detection, hashing)
   * @param indexBytesPerToken index file size over tokens
   * @param outputLength tokens per looked-up output
   * @param lookupMs median span search of one output
   * @param lookupP90Ms 90th percentile
   * @param meanCoverage mean fraction of output tokens inside kept spans
   */
  public record SpanCase(
      long tokens,
      int documents,
      double saisSeconds,
      double lcpSeconds,
      double buildSeconds,
      double indexBytesPerToken,
      int outputLength,
      double lookupMs,
      double lookupP90Ms,
      double meanCoverage) {}

  /**
   * @param input what was sorted
   * @param bytes its length
   * @param saisSeconds median SA-IS time
   */
  public record SuffixArrayCase(String input, long bytes, double saisSeconds) {}
}
