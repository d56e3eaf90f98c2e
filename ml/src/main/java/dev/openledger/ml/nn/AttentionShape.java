package dev.openledger.ml.nn;

/**
 * Dimensions of causal grouped-query attention over a batch.
 *
 * @param batch B, sequences
 * @param seqLen T, positions per sequence
 * @param nHeads NH, query heads
 * @param nKvHeads NKV, key/value heads; query head h reads key/value head {@code h / (NH/NKV)}
 * @param headSize HS
 */
public record AttentionShape(int batch, int seqLen, int nHeads, int nKvHeads, int headSize) {

  public AttentionShape {
    if (batch <= 0
        || seqLen <= 0
        || nHeads <= 0
        || nKvHeads <= 0
        || headSize <= 0
        || nHeads % nKvHeads != 0) {
      throw new IllegalArgumentException(
          "bad attention shape " + batch + "x" + seqLen + " heads " + nHeads + "/" + nKvHeads);
    }
  }

  /** C = NH·HS, the width of the query block. */
  public int dim() {
    return nHeads * headSize;
  }

  /** KV = NKV·HS, the width of the key block and of the value block. */
  public int kvDim() {
    return nKvHeads * headSize;
  }

  /** Width of a fused q|k|v row: C + 2·KV. */
  public int qkvDim() {
    return dim() + 2 * kvDim();
  }

  /** Query heads per key/value head. */
  public int group() {
    return nHeads / nKvHeads;
  }
}
