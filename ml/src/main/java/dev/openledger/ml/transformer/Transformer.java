package dev.openledger.ml.transformer;

import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.nn.Attention;
import dev.openledger.ml.nn.AttentionShape;
import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.nn.Embedding;
import dev.openledger.ml.nn.LoraActs;
import dev.openledger.ml.nn.LoraDelta;
import dev.openledger.ml.nn.LoraGradSink;
import dev.openledger.ml.nn.LoraTarget;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.RopeTable;
import java.util.HashMap;
import java.util.Map;

/**
 * The Llama decoder's forward and backward pass over a batch (Touvron et al., "LLaMA", 2023:
 * pre-norm RMSNorm, rotary embeddings, SwiGLU MLP; grouped-query attention). Dimension letters: B
 * batch, T sequence, N = B·T rows, C model width, H MLP width, KV key/value width, V vocabulary, L
 * layers.
 *
 * <p>The forward pass reads the weights and an optional adapter and writes {@link Activations}; the
 * backward pass reads them and adds gradients into a {@link Gradients}. One instance serves any
 * number of batches of the shapes it has seen; it is not safe for concurrent use (it caches
 * per-shape attention scratch).
 */
public final class Transformer {
  private final LlamaConfig config;
  private final Kernels k;
  private final RopeTable rope;
  private final LoraDelta loraDelta;
  private final Map<Long, Attention> attention = new HashMap<>();

  public Transformer(LlamaConfig config, Kernels kernels) {
    this.config = config;
    this.k = kernels;
    this.rope = new RopeTable(config.headSize(), config.maxSeqLen(), config.ropeTheta());
    this.loraDelta = new LoraDelta(kernels);
  }

  public LlamaConfig config() {
    return config;
  }

  public Kernels kernels() {
    return k;
  }

  /** The adapter of a forward pass and, in training, the random source of its dropout. */
  public record AdapterRun(LoraParameters weights, Rng dropoutRng) {
    /** An adapter at evaluation: no dropout. */
    public static AdapterRun eval(LoraParameters weights) {
      return new AdapterRun(weights, null);
    }
  }

  /**
   * Runs the batch through the model; with {@code adapter} null, the base model alone.
   *
   * @return the mean token loss when the batch has targets, else NaN
   */
  public float forward(Parameters w, Batch batch, Activations a, AdapterRun adapter) {
    checkShapes(w, batch, a, adapter);
    int c = config.dim();
    int kv = config.kvDim();
    int h = config.hiddenDim();
    float eps = config.normEps();
    Attention attn = attention(batch);
    LoraParameters lora = adapter == null ? null : adapter.weights();
    if (a.dropout && adapter != null && adapter.dropoutRng() != null) {
      sampleDropout(a, adapter.dropoutRng());
    }
    // token embedding: resid[0] [N, C]
    Embedding.forward(a.resid[0], w.embed(), batch.tokens());
    for (int l = 0; l < config.nLayers(); l++) {
      Mat x = a.resid[l];
      // --- attention block ---
      // xn1 = RMSNorm(x)                                        [N, C]
      k.rmsnorm(a.xn1[l], a.rstd1[l], x, w.attnNorm(l), eps);
      // q|k|v = xn1·[Wq;Wk;Wv]ᵀ (+ adapters)                  [N, C+2KV]
      k.matmulABt(a.qkv[l], a.xn1[l], w.qkv(l), false);
      addLora(lora, a, l, LinearKind.Q, a.qkv[l].cols(0, c));
      addLora(lora, a, l, LinearKind.K, a.qkv[l].cols(c, c + kv));
      addLora(lora, a, l, LinearKind.V, a.qkv[l].cols(c + kv, c + 2 * kv));
      // rotate q and k by position
      k.rope(a.qkv[l].cols(0, c), a.positions, rope, false);
      k.rope(a.qkv[l].cols(c, c + kv), a.positions, rope, false);
      // attOut = causal GQA attention                           [N, C]
      attn.forward(a.attOut[l], a.att[l], a.qkv[l]);
      // resid2 = x + attOut·Woᵀ (+ adapter)                     [N, C]
      copy(a.resid2[l], x);
      k.matmulABt(a.resid2[l], a.attOut[l], w.linear(l, LinearKind.O), true);
      addLora(lora, a, l, LinearKind.O, a.resid2[l]);
      // --- MLP block ---
      // xn2 = RMSNorm(resid2)                                   [N, C]
      k.rmsnorm(a.xn2[l], a.rstd2[l], a.resid2[l], w.mlpNorm(l), eps);
      // gate|up = xn2·[Wg;Wu]ᵀ (+ adapters)                     [N, 2H]
      k.matmulABt(a.gateUp[l], a.xn2[l], w.gateUp(l), false);
      addLora(lora, a, l, LinearKind.GATE, a.gateUp[l].cols(0, h));
      addLora(lora, a, l, LinearKind.UP, a.gateUp[l].cols(h, 2 * h));
      // hidden = silu(gate) ⊙ up                                [N, H]
      k.swiglu(a.hidden[l], a.gateUp[l].cols(0, h), a.gateUp[l].cols(h, 2 * h));
      // resid[l+1] = resid2 + hidden·Wdᵀ (+ adapter)           [N, C]
      copy(a.resid[l + 1], a.resid2[l]);
      k.matmulABt(a.resid[l + 1], a.hidden[l], w.linear(l, LinearKind.DOWN), true);
      addLora(lora, a, l, LinearKind.DOWN, a.resid[l + 1]);
    }
    // final norm and output head: logits = RMSNorm(x)·headᵀ   [N, V]
    k.rmsnorm(a.xnF, a.rstdF, a.resid[config.nLayers()], w.finalNorm(), eps);
    k.matmulABt(a.logits, a.xnF, w.head(), false);
    if (batch.targets() == null) {
      return Float.NaN;
    }
    // probs = softmax(logits); loss = mean −log probs[target]
    CrossEntropy.softmax(k, a.probs, a.logits);
    return CrossEntropy.forward(a.losses, a.probs, batch.targets());
  }

  /**
   * Back-propagates the loss of the last {@link #forward} on {@code batch} (same weights, adapter
   * and activations) and adds the requested gradients into {@code g}. Consumes the activations'
   * probabilities (turned into logit gradients in place): run forward again before another backward
   * pass.
   */
  public void backward(Parameters w, Batch batch, Activations a, AdapterRun adapter, Gradients g) {
    checkShapes(w, batch, a, adapter);
    if (batch.targets() == null) {
      throw new IllegalArgumentException("backward needs a batch with targets");
    }
    int c = config.dim();
    int kv = config.kvDim();
    int h = config.hiddenDim();
    Parameters dw = g.base();
    LoraParameters lora = adapter == null ? null : adapter.weights();
    Attention attn = attention(batch);
    // dlogits = weights ⊙ (probs − onehot)                     [N, V] (in place)
    Mat dlogits = a.probs;
    CrossEntropy.backward(k, dlogits, a.probs, batch.targets(), g.lossWeights());
    // head: dxnF = dlogits·head; dHead += dlogitsᵀ·xnF
    Mat dxn = a.dxn;
    k.matmulAB(dxn, dlogits, w.head(), false);
    if (dw != null) {
      k.matmulAtB(dw.head(), dlogits, a.xnF, true);
    }
    // final norm: dresid = RMSNorm'(dxnF)
    Mat dres = a.dresid;
    dres.zero();
    Mat top = a.resid[config.nLayers()];
    k.rmsnormBackward(dres, dxn, top, w.finalNorm(), a.rstdF);
    if (dw != null) {
      k.rmsnormWeightGrad(dw.finalNorm(), dxn, top, a.rstdF);
    }
    for (int l = config.nLayers() - 1; l >= 0; l--) {
      // --- MLP block: resid[l+1] = resid2 + down(hidden); dres flows to resid2 unchanged ---
      // dhidden = dres·Wd; dWd += dresᵀ·hidden
      k.matmulAB(a.dhidden, dres, w.linear(l, LinearKind.DOWN), false);
      if (dw != null) {
        k.matmulAtB(dw.linear(l, LinearKind.DOWN), dres, a.hidden[l], true);
      }
      loraBackward(lora, a, g, l, LinearKind.DOWN, a.dhidden, dres);
      // dgate, dup from hidden = silu(gate) ⊙ up
      Mat dgate = a.dgateUp.cols(0, h);
      Mat dup = a.dgateUp.cols(h, 2 * h);
      k.swigluBackward(dgate, dup, a.dhidden, a.gateUp[l].cols(0, h), a.gateUp[l].cols(h, 2 * h));
      // dxn2 = dgateUp·[Wg;Wu]; dWgu += dgateUpᵀ·xn2
      k.matmulAB(dxn, a.dgateUp, w.gateUp(l), false);
      if (dw != null) {
        k.matmulAtB(dw.gateUp(l), a.dgateUp, a.xn2[l], true);
      }
      loraBackward(lora, a, g, l, LinearKind.GATE, dxn, dgate);
      loraBackward(lora, a, g, l, LinearKind.UP, dxn, dup);
      // dres += RMSNorm'(dxn2)
      k.rmsnormBackward(dres, dxn, a.resid2[l], w.mlpNorm(l), a.rstd2[l]);
      if (dw != null) {
        k.rmsnormWeightGrad(dw.mlpNorm(l), dxn, a.resid2[l], a.rstd2[l]);
      }
      // --- attention block: resid2 = x + o(attOut); dres flows to x unchanged ---
      // dattOut = dres·Wo; dWo += dresᵀ·attOut
      k.matmulAB(a.dattOut, dres, w.linear(l, LinearKind.O), false);
      if (dw != null) {
        k.matmulAtB(dw.linear(l, LinearKind.O), dres, a.attOut[l], true);
      }
      loraBackward(lora, a, g, l, LinearKind.O, a.dattOut, dres);
      // dqkv from attention, then undo the rotation of dq and dk
      attn.backward(a.dqkv, a.dattOut, a.qkv[l], a.att[l]);
      k.rope(a.dqkv.cols(0, c), a.positions, rope, true);
      k.rope(a.dqkv.cols(c, c + kv), a.positions, rope, true);
      // dxn1 = dqkv·[Wq;Wk;Wv]; dWqkv += dqkvᵀ·xn1
      k.matmulAB(dxn, a.dqkv, w.qkv(l), false);
      if (dw != null) {
        k.matmulAtB(dw.qkv(l), a.dqkv, a.xn1[l], true);
      }
      loraBackward(lora, a, g, l, LinearKind.Q, dxn, a.dqkv.cols(0, c));
      loraBackward(lora, a, g, l, LinearKind.K, dxn, a.dqkv.cols(c, c + kv));
      loraBackward(lora, a, g, l, LinearKind.V, dxn, a.dqkv.cols(c + kv, c + 2 * kv));
      // dres += RMSNorm'(dxn1)
      k.rmsnormBackward(dres, dxn, a.resid[l], w.attnNorm(l), a.rstd1[l]);
      if (dw != null) {
        k.rmsnormWeightGrad(dw.attnNorm(l), dxn, a.resid[l], a.rstd1[l]);
      }
    }
    // token embedding
    if (dw != null) {
      Embedding.backward(dw.embed(), dres, batch.tokens());
    }
  }

  private void addLora(LoraParameters lora, Activations a, int l, LinearKind kind, Mat y) {
    if (lora != null && lora.targets(kind)) {
      loraDelta.forward(y, target(lora, l, kind), a.loraActs[l].get(kind));
    }
  }

  private void loraBackward(
      LoraParameters lora, Activations a, Gradients g, int l, LinearKind kind, Mat dx, Mat dy) {
    if (lora == null || !lora.targets(kind)) {
      return;
    }
    LoraActs acts = a.loraActs[l].get(kind);
    LoraTarget t = target(lora, l, kind);
    if (g.lora() != null) {
      loraDelta.backward(
          dx, dy, t, acts, new LoraGradSink.Summed(g.lora().a(l, kind), g.lora().b(l, kind)));
    }
    if (g.perExample() != null) {
      LoraParameters[] pe = g.perExample();
      Mat[] da = new Mat[pe.length];
      Mat[] db = new Mat[pe.length];
      for (int b = 0; b < pe.length; b++) {
        da[b] = pe[b].a(l, kind);
        db[b] = pe[b].b(l, kind);
      }
      // dx is added once: only when no summed pass above already added it
      Mat dxOnce = g.lora() == null ? dx : Mat.zeros(dx.rows(), dx.cols());
      loraDelta.backward(dxOnce, dy, t, acts, new LoraGradSink.PerExample(da, db, a.seqLen));
    }
    if (g.lora() == null && g.perExample() == null) {
      loraDelta.backward(
          dx, dy, t, acts, null); // frozen adapter: the gradient still flows through it
    }
  }

  private static LoraTarget target(LoraParameters lora, int l, LinearKind kind) {
    return new LoraTarget(lora.a(l, kind), lora.b(l, kind), lora.scaling());
  }

  private void sampleDropout(Activations a, Rng rng) {
    float p = a.lora.dropout();
    for (int l = 0; l < config.nLayers(); l++) {
      for (LinearKind kind : a.lora.targets()) {
        LoraDelta.sampleMask(a.loraActs[l].get(kind).mask(), p, rng);
      }
    }
  }

  private Attention attention(Batch batch) {
    long key = ((long) batch.batchSize() << 32) | batch.seqLen();
    return attention.computeIfAbsent(
        key,
        x ->
            new Attention(
                k,
                new AttentionShape(
                    batch.batchSize(),
                    batch.seqLen(),
                    config.nHeads(),
                    config.nKvHeads(),
                    config.headSize())));
  }

  private void checkShapes(Parameters w, Batch batch, Activations a, AdapterRun adapter) {
    if (!w.config().equals(config)) {
      throw new IllegalArgumentException("weights are for another model shape");
    }
    if (a.batchSize != batch.batchSize()
        || a.seqLen != batch.seqLen()
        || !a.config.equals(config)) {
      throw new IllegalArgumentException("activations were allocated for another batch shape");
    }
    if (adapter != null) {
      if (a.lora == null || !a.lora.equals(adapter.weights().config())) {
        throw new IllegalArgumentException(
            "activations were allocated without room for this adapter");
      }
      if (!adapter.weights().layout().model().equals(config)) {
        throw new IllegalArgumentException("adapter was made for another model shape");
      }
    }
  }

  private static void copy(Mat dst, Mat src) {
    System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), src.rows() * src.cols());
  }
}
