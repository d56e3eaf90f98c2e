package dev.openledger.ml.tensor;

/**
 * Precomputed rotary position embedding angles, in Hugging Face Llama's "rotate half" layout:
 * within a head of size {@code HS}, element {@code i < HS/2} pairs with element {@code i + HS/2},
 * and the pair at position {@code p} turns by {@code p * theta^(-2i/HS)} (Su et al., "RoFormer",
 * 2021, eq. 34; HF {@code apply_rotary_pos_emb}).
 *
 * <p>Shapes: {@code cos} and {@code sin} are {@code [maxSeqLen, HS/2]}. Angles are computed in
 * double and rounded once to float.
 */
public final class RopeTable {
  private final int headSize;
  private final int maxSeqLen;
  private final float[] cos;
  private final float[] sin;

  public RopeTable(int headSize, int maxSeqLen, float theta) {
    if (headSize <= 0 || headSize % 2 != 0 || maxSeqLen <= 0 || !(theta > 0)) {
      throw new IllegalArgumentException(
          "RoPE needs an even head size and positive length and theta: "
              + headSize
              + ", "
              + maxSeqLen
              + ", "
              + theta);
    }
    this.headSize = headSize;
    this.maxSeqLen = maxSeqLen;
    int half = headSize / 2;
    this.cos = new float[maxSeqLen * half];
    this.sin = new float[maxSeqLen * half];
    for (int p = 0; p < maxSeqLen; p++) {
      for (int i = 0; i < half; i++) {
        // HF: inv_freq = 1 / theta^(arange(0, HS, 2) / HS)
        double invFreq = 1.0 / StrictMath.pow(theta, (2.0 * i) / headSize);
        double angle = p * invFreq;
        cos[p * half + i] = (float) StrictMath.cos(angle);
        sin[p * half + i] = (float) StrictMath.sin(angle);
      }
    }
  }

  public int headSize() {
    return headSize;
  }

  public int maxSeqLen() {
    return maxSeqLen;
  }

  /** cos of the angle of pair {@code i} at position {@code pos}. */
  public float cos(int pos, int i) {
    return cos[pos * (headSize / 2) + i];
  }

  /** sin of the angle of pair {@code i} at position {@code pos}. */
  public float sin(int pos, int i) {
    return sin[pos * (headSize / 2) + i];
  }

  float[] cosArray() {
    return cos;
  }

  float[] sinArray() {
    return sin;
  }
}
