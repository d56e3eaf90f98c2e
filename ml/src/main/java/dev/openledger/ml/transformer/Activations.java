package dev.openledger.ml.transformer;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.nn.LoraActs;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Vec;
import java.util.EnumMap;
import java.util.Map;

/**
 * Run-time state of a forward/backward pass over a batch of B sequences of T tokens (N = B·T rows):
 * every activation the backward pass reads, and scratch for the gradients flowing back. Allocated
 * once per batch shape and reused across steps. Shapes (C = dim, H = hiddenDim, KV = kvDim, V =
 * vocab, NH = heads):
 *
 * <pre>
 *   resid[l]   [N, C]        input of layer l; resid[L] feeds the final norm
 *   xn1[l]     [N, C]        RMSNorm before attention; rstd1[l] [N]
 *   qkv[l]     [N, C+2KV]    projections, q and k after RoPE
 *   att[l]     [B·NH·T, T]   attention probabilities
 *   attOut[l]  [N, C]        attention output before o_proj
 *   resid2[l]  [N, C]        residual after attention
 *   xn2[l]     [N, C]        RMSNorm before the MLP; rstd2[l] [N]
 *   gateUp[l]  [N, 2H]       gate | up projections
 *   hidden[l]  [N, H]        silu(gate) ⊙ up
 *   xnF [N, C], rstdF [N], logits [N, V], probs [N, V] (dlogits in place), losses [N]
 * </pre>
 */
public final class Activations {
  final LlamaConfig config;
  final int batchSize;
  final int seqLen;
  final int[] positions;
  final Mat[] resid;
  final Mat[] xn1;
  final Vec[] rstd1;
  final Mat[] qkv;
  final Mat[] att;
  final Mat[] attOut;
  final Mat[] resid2;
  final Mat[] xn2;
  final Vec[] rstd2;
  final Mat[] gateUp;
  final Mat[] hidden;
  final Mat xnF;
  final Vec rstdF;
  final Mat logits;
  final Mat probs;
  final float[] losses;
  // backward scratch
  final Mat dresid;
  final Mat dxn;
  final Mat dqkv;
  final Mat dattOut;
  final Mat dgateUp;
  final Mat dhidden;
  final LoraConfig lora;
  final boolean dropout;
  final Map<LinearKind, LoraActs>[] loraActs;

  /** State for a model without an adapter. */
  public Activations(LlamaConfig config, int batchSize, int seqLen) {
    this(config, batchSize, seqLen, null, false);
  }

  /**
   * State for a model with an adapter of shape {@code lora} (null for none); {@code dropout}
   * reserves the buffers adapter dropout needs in training.
   */
  // Java cannot create an array of a generic type, so the per-layer map arrays are made raw and
  // used typed.
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Activations(
      LlamaConfig config, int batchSize, int seqLen, LoraConfig lora, boolean dropout) {
    if (seqLen > config.maxSeqLen()) {
      throw new IllegalArgumentException(
          "sequence length " + seqLen + " exceeds the model's " + config.maxSeqLen());
    }
    this.config = config;
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    int n = batchSize * seqLen;
    int c = config.dim();
    int h = config.hiddenDim();
    int layers = config.nLayers();
    this.positions = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = i % seqLen;
    }
    resid = mats(layers + 1, n, c);
    xn1 = mats(layers, n, c);
    rstd1 = vecs(layers, n);
    qkv = mats(layers, n, c + 2 * config.kvDim());
    att = mats(layers, batchSize * config.nHeads() * seqLen, seqLen);
    attOut = mats(layers, n, c);
    resid2 = mats(layers, n, c);
    xn2 = mats(layers, n, c);
    rstd2 = vecs(layers, n);
    gateUp = mats(layers, n, 2 * h);
    hidden = mats(layers, n, h);
    xnF = Mat.zeros(n, c);
    rstdF = Vec.of(new float[n]);
    logits = Mat.zeros(n, config.vocabSize());
    probs = Mat.zeros(n, config.vocabSize());
    losses = new float[n];
    dresid = Mat.zeros(n, c);
    dxn = Mat.zeros(n, c);
    dqkv = Mat.zeros(n, c + 2 * config.kvDim());
    dattOut = Mat.zeros(n, c);
    dgateUp = Mat.zeros(n, 2 * h);
    dhidden = Mat.zeros(n, h);
    this.lora = lora;
    this.dropout = dropout && lora != null && lora.dropout() > 0;
    this.loraActs = new Map[layers];
    for (int l = 0; l < layers; l++) {
      loraActs[l] = new EnumMap<>(LinearKind.class);
      if (lora == null) {
        continue;
      }
      for (LinearKind kind : lora.targets()) {
        int in = kind.inDim(config);
        Mat mask = this.dropout ? Mat.zeros(n, in) : null;
        Mat dropped = this.dropout ? Mat.zeros(n, in) : null;
        loraActs[l].put(
            kind,
            new LoraActs(
                input(l, kind),
                Mat.zeros(n, lora.rank()),
                Mat.zeros(n, lora.rank()),
                mask,
                dropped));
      }
    }
  }

  /** The input of projection {@code kind} in layer {@code l}. */
  Mat input(int l, LinearKind kind) {
    return switch (kind) {
      case Q, K, V -> xn1[l];
      case O -> attOut[l];
      case GATE, UP -> xn2[l];
      case DOWN -> hidden[l];
    };
  }

  private static Mat[] mats(int count, int rows, int cols) {
    Mat[] m = new Mat[count];
    for (int i = 0; i < count; i++) {
      m[i] = Mat.zeros(rows, cols);
    }
    return m;
  }

  private static Vec[] vecs(int count, int n) {
    Vec[] v = new Vec[count];
    for (int i = 0; i < count; i++) {
      v[i] = Vec.of(new float[n]);
    }
    return v;
  }

  public int batchSize() {
    return batchSize;
  }

  public int seqLen() {
    return seqLen;
  }

  /** Logits of the last forward pass {@code [B·T, V]}. */
  public Mat logits() {
    return logits;
  }

  /**
   * Per-position losses of the last forward pass {@code [B·T]} (0 where the target was ignored).
   */
  public float[] losses() {
    return losses;
  }

  /** The final hidden state (after the last RMSNorm) {@code [B·T, C]}. */
  public Mat finalHidden() {
    return xnF;
  }
}
