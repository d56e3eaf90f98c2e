package dev.openledger.ml.format;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.TensorNames;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy ("version 0") checkpoint of Karpathy's llama2.c, read by its {@code run.c}: a header
 * of seven little-endian int32 — {@code dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size,
 * seq_len}, with vocab_size negated when the classifier is not tied to the embedding — then float32
 * weights, each kind for all layers before the next kind:
 *
 * <pre>
 * token_embedding [V, D] | rms_att [L, D] | wq [L, D, D] | wk [L, KV, D] | wv [L, KV, D] | wo [L, D, D]
 * | rms_ffn [L, D] | w1 = gate [L, H, D] | w2 = down [L, D, H] | w3 = up [L, H, D] | rms_final [D]
 * | freq_cis_real [S, HS/2] | freq_cis_imag [S, HS/2] | wcls [V, D] (only when untied)
 * </pre>
 *
 * run.c skips the two RoPE tables (it computes the angles itself); they are written with their
 * values, as llama2.c's {@code export.py legacy_export} does. run.c rotates interleaved pairs
 * {@code (2i, 2i+1)} of each head where Hugging Face rotates {@code (i, i + HS/2)}, so the rows of
 * wq and wk are permuted on export ({@code permute_reverse} in export.py) and back on import. run.c
 * hard-codes RoPE theta 10000 and RMSNorm epsilon 1e-5, so only models with those values can be
 * exported faithfully.
 */
public final class Llama2cCheckpoint {
  public static final float RUN_C_ROPE_THETA = 10000f;
  public static final float RUN_C_NORM_EPS = 1e-5f;
  static final int HEADER_BYTES = 7 * 4;

  /**
   * A checkpoint read back: config (with run.c's theta and epsilon) and weights in Hugging Face
   * layout.
   */
  public record Contents(LlamaConfig config, NamedTensors weights) {}

  private Llama2cCheckpoint() {}

  /**
   * Writes {@code weights} (Hugging Face names and RoPE layout, checked against {@code c}) as a
   * run.c checkpoint.
   *
   * @throws FormatException if the model uses a RoPE theta or norm epsilon run.c cannot reproduce
   */
  public static void write(Path file, LlamaConfig c, NamedTensors weights) throws IOException {
    if (c.ropeTheta() != RUN_C_ROPE_THETA || c.normEps() != RUN_C_NORM_EPS) {
      throw new FormatException(
          "llama2.c's run.c hard-codes rope_theta 10000 and rms_norm_eps 1e-5; this model has "
              + c.ropeTheta()
              + " and "
              + c.normEps());
    }
    LlamaLayout.check(c, weights);
    Path tmp = FileSupport.tmpSibling(file);
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header
            .putInt(c.dim())
            .putInt(c.hiddenDim())
            .putInt(c.nLayers())
            .putInt(c.nHeads())
            .putInt(c.nKvHeads());
        header
            .putInt(c.tiedEmbeddings() ? c.vocabSize() : -c.vocabSize())
            .putInt(c.maxSeqLen())
            .flip();
        writeFully(ch, header);
        for (float[] block : blocks(c, weights)) {
          writeFloats(ch, block);
        }
        ch.force(true);
      }
      FileSupport.moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Exports a Hugging Face model directory for run.c: the checkpoint to {@code modelBin} and the
   * tokenizer to {@code tokenizerBin} (run it as {@code run modelBin -z tokenizerBin}).
   */
  public static void exportModelDirectory(Path modelDir, Path modelBin, Path tokenizerBin)
      throws IOException {
    HfModel m = ModelDirectory.read(modelDir);
    write(modelBin, m.config(), m.weights());
    Llama2cTokenizer.write(tokenizerBin, m.tokenizer(), m.config().vocabSize());
  }

  /** Reads a run.c checkpoint back into Hugging Face layout. */
  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER_BYTES) {
        throw new FormatException(
            "llama2.c checkpoint: " + size + " bytes is shorter than the 28-byte header");
      }
      ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, h, 0);
      h.flip();
      int dim = h.getInt();
      int hidden = h.getInt();
      int layers = h.getInt();
      int heads = h.getInt();
      int kvHeads = h.getInt();
      int vocab = h.getInt();
      int seqLen = h.getInt();
      if (vocab == 0 || vocab == Integer.MIN_VALUE) {
        throw new FormatException("llama2.c checkpoint: vocab_size " + vocab + " is invalid");
      }
      LlamaConfig c;
      try {
        c =
            new LlamaConfig(
                dim,
                hidden,
                layers,
                heads,
                kvHeads,
                Math.abs(vocab),
                seqLen,
                RUN_C_ROPE_THETA,
                RUN_C_NORM_EPS,
                vocab > 0);
      } catch (IllegalArgumentException e) {
        throw new FormatException("llama2.c checkpoint header: " + e.getMessage(), e);
      }
      long expected = HEADER_BYTES + 4 * floatCount(c);
      if (size != expected) {
        throw new FormatException(
            "llama2.c checkpoint: file is " + size + " bytes but its header implies " + expected);
      }
      ch.position(HEADER_BYTES);
      return new Contents(c, readWeights(ch, c));
    }
  }

  /**
   * Floats after the header, or a FormatException if a tensor could not be held in a Java array.
   */
  private static long floatCount(LlamaConfig c) throws FormatException {
    long n = 0;
    for (int[] s : sections(c)) {
      long count;
      try {
        count = Math.multiplyExact(Math.multiplyExact((long) s[0], s[1]), s[2]);
      } catch (ArithmeticException e) {
        throw new FormatException("llama2.c checkpoint: header sizes overflow");
      }
      if (count / s[0] > Integer.MAX_VALUE - 8) {
        throw new FormatException(
            "llama2.c checkpoint: a tensor of "
                + count / s[0]
                + " floats does not fit a Java array");
      }
      n += count;
    }
    return n;
  }

  /**
   * The file's sections after the header as (count, rows, cols): count tensors of [rows, cols]
   * each. Order: embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, rms_final, freq real,
   * freq imag, [wcls].
   */
  private static List<int[]> sections(LlamaConfig c) {
    int d = c.dim();
    int l = c.nLayers();
    List<int[]> s = new ArrayList<>();
    s.add(new int[] {1, c.vocabSize(), d});
    s.add(new int[] {l, 1, d});
    for (LinearKind k : List.of(LinearKind.Q, LinearKind.K, LinearKind.V, LinearKind.O)) {
      s.add(new int[] {l, k.outDim(c), k.inDim(c)});
    }
    s.add(new int[] {l, 1, d});
    for (LinearKind k : List.of(LinearKind.GATE, LinearKind.DOWN, LinearKind.UP)) {
      s.add(new int[] {l, k.outDim(c), k.inDim(c)});
    }
    s.add(new int[] {1, 1, d});
    s.add(new int[] {1, c.maxSeqLen(), c.headSize() / 2});
    s.add(new int[] {1, c.maxSeqLen(), c.headSize() / 2});
    if (!c.tiedEmbeddings()) {
      s.add(new int[] {1, c.vocabSize(), d});
    }
    return s;
  }

  /** The float arrays in file order, q and k permuted to run.c's interleaved RoPE layout. */
  private static List<float[]> blocks(LlamaConfig c, NamedTensors w) {
    List<float[]> out = new ArrayList<>();
    out.add(w.get(TensorNames.EMBED).data());
    perLayer(c, l -> w.get(TensorNames.attnNorm(l)).data(), out);
    perLayer(
        c,
        l ->
            toRunC(
                w.get(TensorNames.linear(l, LinearKind.Q)).data(),
                c.nHeads(),
                c.headSize(),
                c.dim()),
        out);
    perLayer(
        c,
        l ->
            toRunC(
                w.get(TensorNames.linear(l, LinearKind.K)).data(),
                c.nKvHeads(),
                c.headSize(),
                c.dim()),
        out);
    for (LinearKind k : List.of(LinearKind.V, LinearKind.O)) {
      perLayer(c, l -> w.get(TensorNames.linear(l, k)).data(), out);
    }
    perLayer(c, l -> w.get(TensorNames.mlpNorm(l)).data(), out);
    for (LinearKind k : List.of(LinearKind.GATE, LinearKind.DOWN, LinearKind.UP)) {
      perLayer(c, l -> w.get(TensorNames.linear(l, k)).data(), out);
    }
    out.add(w.get(TensorNames.FINAL_NORM).data());
    float[][] freqs = ropeTables(c);
    out.add(freqs[0]);
    out.add(freqs[1]);
    if (!c.tiedEmbeddings()) {
      out.add(w.get(TensorNames.LM_HEAD).data());
    }
    return out;
  }

  private static void perLayer(
      LlamaConfig c, java.util.function.IntFunction<float[]> f, List<float[]> out) {
    for (int l = 0; l < c.nLayers(); l++) {
      out.add(f.apply(l));
    }
  }

  /**
   * Hugging Face → run.c row order of a q or k weight {@code [heads·HS, in]}: within each head, HF
   * row {@code half·HS/2 + i} becomes run.c row {@code 2i + half} (export.py's {@code
   * permute_reverse}).
   */
  static float[] toRunC(float[] w, int heads, int hs, int in) {
    return permute(w, heads, hs, in, true);
  }

  /** run.c → Hugging Face row order: the inverse of {@link #toRunC}. */
  static float[] toHf(float[] w, int heads, int hs, int in) {
    return permute(w, heads, hs, in, false);
  }

  private static float[] permute(float[] w, int heads, int hs, int in, boolean toRunC) {
    float[] out = new float[w.length];
    for (int h = 0; h < heads; h++) {
      for (int half = 0; half < 2; half++) {
        for (int i = 0; i < hs / 2; i++) {
          int hf = h * hs + half * (hs / 2) + i;
          int rc = h * hs + 2 * i + half;
          System.arraycopy(w, (toRunC ? hf : rc) * in, out, (toRunC ? rc : hf) * in, in);
        }
      }
    }
    return out;
  }

  /**
   * cos and sin of {@code t · theta^(-2i/HS)}, {@code [S, HS/2]} each, in float as llama2.c's
   * model.py.
   */
  private static float[][] ropeTables(LlamaConfig c) {
    int half = c.headSize() / 2;
    float[] re = new float[c.maxSeqLen() * half];
    float[] im = new float[c.maxSeqLen() * half];
    for (int t = 0; t < c.maxSeqLen(); t++) {
      for (int i = 0; i < half; i++) {
        float freq = (float) (1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / c.headSize()));
        float angle = t * freq;
        re[t * half + i] = (float) Math.cos(angle);
        im[t * half + i] = (float) Math.sin(angle);
      }
    }
    return new float[][] {re, im};
  }

  private static NamedTensors readWeights(FileChannel ch, LlamaConfig c) throws IOException {
    List<Tensor> out = new ArrayList<>();
    int d = c.dim();
    out.add(Tensor.of(TensorNames.EMBED, readFloats(ch, c.vocabSize() * d), c.vocabSize(), d));
    for (int l = 0; l < c.nLayers(); l++) {
      out.add(Tensor.of(TensorNames.attnNorm(l), readFloats(ch, d), d));
    }
    for (LinearKind k : List.of(LinearKind.Q, LinearKind.K, LinearKind.V, LinearKind.O)) {
      readLinear(ch, c, k, out);
    }
    for (int l = 0; l < c.nLayers(); l++) {
      out.add(Tensor.of(TensorNames.mlpNorm(l), readFloats(ch, d), d));
    }
    for (LinearKind k : List.of(LinearKind.GATE, LinearKind.DOWN, LinearKind.UP)) {
      readLinear(ch, c, k, out);
    }
    out.add(Tensor.of(TensorNames.FINAL_NORM, readFloats(ch, d), d));
    readFloats(ch, c.maxSeqLen() * (c.headSize() / 2)); // freq_cis_real: run.c ignores it, so do we
    readFloats(ch, c.maxSeqLen() * (c.headSize() / 2)); // freq_cis_imag
    if (!c.tiedEmbeddings()) {
      out.add(Tensor.of(TensorNames.LM_HEAD, readFloats(ch, c.vocabSize() * d), c.vocabSize(), d));
    }
    return NamedTensors.of(out);
  }

  private static void readLinear(FileChannel ch, LlamaConfig c, LinearKind k, List<Tensor> out)
      throws IOException {
    int rows = k.outDim(c);
    int cols = k.inDim(c);
    for (int l = 0; l < c.nLayers(); l++) {
      float[] w = readFloats(ch, rows * cols);
      if (k == LinearKind.Q) {
        w = toHf(w, c.nHeads(), c.headSize(), cols);
      } else if (k == LinearKind.K) {
        w = toHf(w, c.nKvHeads(), c.headSize(), cols);
      }
      out.add(Tensor.of(TensorNames.linear(l, k), w, rows, cols));
    }
  }

  private static float[] readFloats(FileChannel ch, int n) throws IOException {
    float[] out = new float[n];
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; ) {
      int m = Math.min(n - i, buf.capacity() / 4);
      buf.clear().limit(m * 4);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw new EOFException("llama2.c checkpoint ended early");
        }
      }
      buf.flip();
      buf.asFloatBuffer().get(out, i, m);
      i += m;
    }
    return out;
  }

  private static void writeFloats(FileChannel ch, float[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < data.length; ) {
      int m = Math.min(data.length - i, buf.capacity() / 4);
      buf.clear();
      buf.asFloatBuffer().put(data, i, m);
      buf.limit(m * 4);
      writeFully(ch, buf);
      i += m;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + buf.position());
      if (n < 0) {
        throw new EOFException("llama2.c checkpoint ended early");
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
