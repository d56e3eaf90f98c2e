package dev.openledger.ml.model;

/**
 * Shape of a Llama-style decoder. Field names follow Hugging Face's {@code LlamaConfig} where one
 * exists (in brackets).
 *
 * @param dim model width [hidden_size]
 * @param hiddenDim width of the SwiGLU MLP [intermediate_size]
 * @param nLayers number of decoder blocks [num_hidden_layers]
 * @param nHeads query heads [num_attention_heads]
 * @param nKvHeads key/value heads, dividing {@code nHeads} (grouped-query attention)
 *     [num_key_value_heads]
 * @param vocabSize tokens in the vocabulary [vocab_size]
 * @param maxSeqLen longest sequence the model is used with [max_position_embeddings]
 * @param ropeTheta RoPE base frequency [rope_theta]
 * @param normEps RMSNorm epsilon [rms_norm_eps]
 * @param tiedEmbeddings whether the output head reuses the token embedding [tie_word_embeddings]
 */
public record LlamaConfig(
    int dim,
    int hiddenDim,
    int nLayers,
    int nHeads,
    int nKvHeads,
    int vocabSize,
    int maxSeqLen,
    float ropeTheta,
    float normEps,
    boolean tiedEmbeddings) {

  public LlamaConfig {
    require(
        dim > 0 && hiddenDim > 0 && nLayers > 0 && nHeads > 0 && nKvHeads > 0,
        "sizes must be positive");
    require(vocabSize > 0 && maxSeqLen > 0, "vocabSize and maxSeqLen must be positive");
    require(dim % nHeads == 0, "dim " + dim + " is not a multiple of nHeads " + nHeads);
    require(
        nHeads % nKvHeads == 0, "nHeads " + nHeads + " is not a multiple of nKvHeads " + nKvHeads);
    require((dim / nHeads) % 2 == 0, "head size " + dim / nHeads + " must be even for RoPE");
    require(ropeTheta > 0 && normEps > 0, "ropeTheta and normEps must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid model config: " + message);
    }
  }

  /** Size of one attention head. */
  public int headSize() {
    return dim / nHeads;
  }

  /** Width of the key and value projections: {@code nKvHeads * headSize}. */
  public int kvDim() {
    return nKvHeads * headSize();
  }
}
