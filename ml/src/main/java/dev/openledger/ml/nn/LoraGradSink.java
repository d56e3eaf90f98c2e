package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Mat;

/**
 * Where the backward pass of an adapted projection puts the gradients of {@code A} and {@code B}.
 */
public sealed interface LoraGradSink {

  /** Gradients summed over all rows, added into {@code dA [r, in]} and {@code dB [out, r]}. */
  record Summed(Mat dA, Mat dB) implements LoraGradSink {}

  /**
   * One gradient per sequence: rows {@code [b·seqLen, (b+1)·seqLen)} add into {@code dA[b]} and
   * {@code dB[b]}.
   */
  record PerExample(Mat[] dA, Mat[] dB, int seqLen) implements LoraGradSink {
    public PerExample {
      if (dA.length != dB.length || seqLen <= 0) {
        throw new IllegalArgumentException("per-example sinks need one dA and one dB per sequence");
      }
    }
  }
}
