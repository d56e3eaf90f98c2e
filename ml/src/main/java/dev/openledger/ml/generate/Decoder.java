package dev.openledger.ml.generate;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.nn.Embedding;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.RopeTable;
import dev.openledger.ml.tensor.Vec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental decoding with a KV cache over a batch of sequences, each with its own adapter or
 * none. {@link #step} appends tokens to sequences — one each when decoding, a whole prompt when
 * prefilling — and returns the logits after each sequence's last new token. Rows of a step (N in
 * all) are grouped by adapter; the recipe per layer, with shapes:
 *
 * <pre>
 *   xn  = RMSNorm(x)                                  [N, C]
 *   qkv = xn·[Wq;Wk;Wv]ᵀ  (one pass over the weights)  [N, C+2KV]   + per group: s·(xn·Aᵀ)·Bᵀ
 *   rotate q, k; append k, v to each sequence's cache
 *   att = softmax(q·Kᵀ/√HS)·V over the cached positions  [N, C]
 *   x  += att·Woᵀ (+ adapters)
 *   xn  = RMSNorm(x); gu = xn·[Wg;Wu]ᵀ (+ adapters)      [N, 2H]
 *   x  += (silu(g)⊙u)·Wdᵀ (+ adapters)
 * </pre>
 *
 * then {@code logits = RMSNorm(x)·headᵀ} for the last row of each sequence. Not thread-safe: one
 * decoder per serving thread (they may share weights and adapters, which are read-only here).
 */
public final class Decoder {
  private final Parameters w;
  private final LlamaConfig c;
  private final Kernels k;
  private final RopeTable rope;
  private final ThreadLocal<float[]> scores;
  private Scratch s;

  public Decoder(Parameters weights, Kernels kernels) {
    this.w = weights;
    this.c = weights.config();
    this.k = kernels;
    this.rope = new RopeTable(c.headSize(), c.maxSeqLen(), c.ropeTheta());
    this.scores = ThreadLocal.withInitial(() -> new float[c.maxSeqLen()]);
    this.s = new Scratch(1, 1);
  }

  public LlamaConfig config() {
    return c;
  }

  /**
   * A sequence's state: its adapter, its position and its key/value cache. Per layer, keys are
   * stored transposed, {@code [NKV, HS, maxSeqLen]}, so the scores of all cached positions are HS
   * vector updates with no horizontal sums; values are {@code [maxSeqLen, KV]}.
   */
  public final class Sequence {
    private final ServingAdapter adapter;
    private final float[][] keysT;
    private final float[][] values;
    private int position;

    private Sequence(ServingAdapter adapter) {
      this.adapter = adapter;
      this.keysT = new float[c.nLayers()][c.maxSeqLen() * c.kvDim()];
      this.values = new float[c.nLayers()][c.maxSeqLen() * c.kvDim()];
    }

    /** Tokens consumed so far. */
    public int position() {
      return position;
    }

    /** The adapter, or null for the base model. */
    public ServingAdapter adapter() {
      return adapter;
    }

    /** Tokens that still fit in the context. */
    public int remaining() {
      return c.maxSeqLen() - position;
    }
  }

  /** Tokens to append to one sequence in a step. */
  public record Feed(Sequence sequence, int[] tokens) {
    public Feed {
      if (tokens.length == 0) {
        throw new IllegalArgumentException("a feed needs at least one token");
      }
    }
  }

  /** A new empty sequence decoded with {@code adapter} (null for the base model). */
  public Sequence start(ServingAdapter adapter) {
    if (adapter != null && !adapter.model().equals(c)) {
      throw new IllegalArgumentException(
          "adapter " + adapter.name() + " was trained for another model shape");
    }
    return new Sequence(adapter);
  }

  /**
   * Appends each feed's tokens to its sequence and returns {@code [feeds, V]} logits: row i is the
   * distribution after the last token of {@code feeds.get(i)}. A sequence may appear in one feed
   * per step.
   */
  public Mat step(List<Feed> feeds) {
    Plan plan = plan(feeds);
    int n = plan.rows;
    ensureScratch(n, feeds.size());
    Mat x = s.x.rows(0, n);
    Mat xn = s.xn.rows(0, n);
    Vec rstd = new Vec(s.rstd, 0, n);
    Mat qkv = s.qkv.rows(0, n);
    Mat att = s.att.rows(0, n);
    Mat tmp = s.tmp.rows(0, n);
    Mat gu = s.gu.rows(0, n);
    Mat hid = s.hid.rows(0, n);
    int dim = c.dim();
    int kv = c.kvDim();
    int h = c.hiddenDim();
    Embedding.forward(x, w.embed(), plan.tokens);
    for (int l = 0; l < c.nLayers(); l++) {
      k.rmsnorm(xn, rstd, x, w.attnNorm(l), c.normEps());
      k.matvec(qkv, w.qkv(l), xn);
      addAdapters(
          plan,
          l,
          QKV,
          xn,
          qkv.cols(0, dim),
          qkv.cols(dim, dim + kv),
          qkv.cols(dim + kv, dim + 2 * kv));
      k.rope(qkv.cols(0, dim), plan.positions, rope, false);
      k.rope(qkv.cols(dim, dim + kv), plan.positions, rope, false);
      appendToCache(plan, l, qkv);
      attend(plan, l, qkv, att);
      k.matvec(tmp, w.linear(l, LinearKind.O), att);
      addAdapters(plan, l, O, att, tmp);
      k.add(x, tmp);
      k.rmsnorm(xn, rstd, x, w.mlpNorm(l), c.normEps());
      k.matvec(gu, w.gateUp(l), xn);
      addAdapters(plan, l, GATE_UP, xn, gu.cols(0, h), gu.cols(h, 2 * h));
      k.swiglu(hid, gu.cols(0, h), gu.cols(h, 2 * h));
      k.matvec(tmp, w.linear(l, LinearKind.DOWN), hid);
      addAdapters(plan, l, DOWN, hid, tmp);
      k.add(x, tmp);
    }
    // the last row of every feed, in the caller's order
    Mat last = s.last.rows(0, feeds.size());
    for (int i = 0; i < feeds.size(); i++) {
      System.arraycopy(x.data(), x.index(plan.lastRow[i], 0), last.data(), last.index(i, 0), dim);
    }
    Vec lastRstd = new Vec(s.rstd, 0, feeds.size());
    k.rmsnorm(last, lastRstd, last, w.finalNorm(), c.normEps());
    Mat logits = Mat.zeros(feeds.size(), c.vocabSize());
    k.matvec(logits, w.head(), last);
    for (Feed f : feeds) {
      f.sequence().position += f.tokens().length;
    }
    return logits;
  }

  /** Rows of a step in adapter-grouped order. */
  private static final class Plan {
    int rows;
    int[] tokens;
    int[] positions;
    Sequence[] seq;
    int[] lastRow;
    final List<int[]> groups = new ArrayList<>(); // [from, to) row ranges sharing one adapter
    final List<ServingAdapter> groupAdapter = new ArrayList<>();
  }

  private Plan plan(List<Feed> feeds) {
    Map<Sequence, Boolean> seen = new IdentityHashMap<>();
    // ServingAdapter has identity equality; a linked map keeps the groups in first-seen order
    Map<ServingAdapter, List<Integer>> byAdapter = new java.util.LinkedHashMap<>();
    List<Integer> base = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < feeds.size(); i++) {
      Feed f = feeds.get(i);
      if (seen.put(f.sequence(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("a sequence may be fed once per step");
      }
      if (f.tokens().length > f.sequence().remaining()) {
        throw new IllegalArgumentException(
            "feeding "
                + f.tokens().length
                + " tokens overflows the context ("
                + f.sequence().remaining()
                + " positions left)");
      }
      total += f.tokens().length;
      ServingAdapter a = f.sequence().adapter();
      if (a == null) {
        base.add(i);
      } else {
        byAdapter.computeIfAbsent(a, x -> new ArrayList<>()).add(i);
      }
    }
    Plan p = new Plan();
    p.rows = total;
    p.tokens = new int[total];
    p.positions = new int[total];
    p.seq = new Sequence[total];
    p.lastRow = new int[feeds.size()];
    int r = place(p, feeds, base, 0);
    for (Map.Entry<ServingAdapter, List<Integer>> e : byAdapter.entrySet()) {
      int from = r;
      r = place(p, feeds, e.getValue(), r);
      p.groups.add(new int[] {from, r});
      p.groupAdapter.add(e.getKey());
    }
    return p;
  }

  private static int place(Plan p, List<Feed> feeds, List<Integer> indices, int r) {
    for (int i : indices) {
      Feed f = feeds.get(i);
      for (int j = 0; j < f.tokens().length; j++) {
        p.tokens[r] = f.tokens()[j];
        p.positions[r] = f.sequence().position + j;
        p.seq[r] = f.sequence();
        r++;
      }
      p.lastRow[i] = r - 1;
    }
    return r;
  }

  private static final LinearKind[] QKV = {LinearKind.Q, LinearKind.K, LinearKind.V};
  private static final LinearKind[] O = {LinearKind.O};
  private static final LinearKind[] GATE_UP = {LinearKind.GATE, LinearKind.UP};
  private static final LinearKind[] DOWN = {LinearKind.DOWN};

  // ys[i][rows of a group] += s·(x·Aᵀ)·Bᵀ for projection kinds[i] (projections that read the same
  // x go in one call): shrink with one pass over A for the whole group, expand as r axpys per row
  // over the pre-scaled Bᵀ. Groups own disjoint rows of y, so they run on the pool's threads side
  // by
  // side in one hand-off (the kernels inside run inline); each element's arithmetic is the same
  // whatever the split.
  private void addAdapters(Plan p, int l, LinearKind[] kinds, Mat x, Mat... ys) {
    int groups = p.groups.size();
    if (groups == 0) {
      return;
    }
    long outs = 0;
    for (Mat y : ys) {
      outs += y.cols();
    }
    int rank = 0;
    for (ServingAdapter a : p.groupAdapter) {
      rank = Math.max(rank, a.config().rank());
    }
    // per group: 2·rank multiply-adds per input and output column of each of its rows
    long flops = 2L * rank * (kinds.length * (long) x.cols() + outs) * Math.max(1, p.rows / groups);
    k.pool()
        .parallelFor(
            groups,
            flops,
            (g0, g1) -> {
              for (int g = g0; g < g1; g++) {
                for (int i = 0; i < kinds.length; i++) {
                  addAdapter(p, g, l, kinds[i], x, ys[i]);
                }
              }
            });
  }

  private void addAdapter(Plan p, int g, int l, LinearKind kind, Mat x, Mat y) {
    ServingAdapter a = p.groupAdapter.get(g);
    if (!a.targets(kind)) {
      return;
    }
    int from = p.groups.get(g)[0];
    int to = p.groups.get(g)[1];
    Mat am = a.a(l, kind);
    Mat bt = a.scaledBt(l, kind);
    Mat u = Mat.zeros(to - from, am.rows());
    k.matvec(u, am, x.rows(from, to));
    for (int i = 0; i < to - from; i++) {
      Vec yRow = y.row(from + i);
      for (int j = 0; j < am.rows(); j++) {
        k.axpy(u.get(i, j), bt.row(j), yRow);
      }
    }
  }

  private void appendToCache(Plan p, int l, Mat qkv) {
    int dim = c.dim();
    int kv = c.kvDim();
    int maxT = c.maxSeqLen();
    for (int r = 0; r < p.rows; r++) {
      Sequence q = p.seq[r];
      int pos = p.positions[r];
      float[] kt = q.keysT[l];
      int src = qkv.index(r, dim);
      for (int j = 0; j < kv; j++) { // j = kvHead·HS + d
        kt[j * maxT + pos] = qkv.data()[src + j];
      }
      System.arraycopy(qkv.data(), qkv.index(r, dim + kv), q.values[l], pos * kv, kv);
    }
  }

  // att[r, head h] = softmax over t ≤ pos of q·k_t/√HS, times v_t; one (row, head) per work item.
  // Scores accumulate over d: s[0..len) += (q_d/√HS)·Kᵀ[d, 0..len).
  private void attend(Plan p, int l, Mat qkv, Mat att) {
    int nh = c.nHeads();
    int hs = c.headSize();
    int kv = c.kvDim();
    int group = c.nHeads() / c.nKvHeads();
    float scale = (float) (1.0 / Math.sqrt(hs));
    long avgLen = p.positions.length == 0 ? 1 : p.positions[p.rows - 1] + 1;
    k.pool()
        .parallelFor(
            p.rows * nh,
            4L * avgLen * hs,
            (i0, i1) -> {
              float[] sc = scores.get();
              for (int i = i0; i < i1; i++) {
                int r = i / nh;
                int head = i % nh;
                int kvh = head / group;
                Sequence q = p.seq[r];
                int len = p.positions[r] + 1;
                Vec query = qkv.row(r).slice(head * hs, (head + 1) * hs);
                Vec sv = new Vec(sc, 0, len);
                sv.zero();
                int maxT = c.maxSeqLen();
                for (int d = 0; d < hs; d++) {
                  k.axpy(query.get(d) * scale, new Vec(q.keysT[l], (kvh * hs + d) * maxT, len), sv);
                }
                k.softmax(sv);
                Vec out = att.row(r).slice(head * hs, (head + 1) * hs);
                out.zero();
                for (int t = 0; t < len; t++) {
                  k.axpy(sc[t], new Vec(q.values[l], t * kv + kvh * hs, hs), out);
                }
              }
            });
  }

  private void ensureScratch(int rows, int feeds) {
    if (s.rows < rows || s.feeds < feeds) {
      s = new Scratch(Math.max(rows, s.rows), Math.max(feeds, s.feeds));
    }
  }

  /** Per-step buffers, grown to the largest step seen. */
  private final class Scratch {
    final int rows;
    final int feeds;
    final Mat x;
    final Mat xn;
    final float[] rstd;
    final Mat qkv;
    final Mat att;
    final Mat tmp;
    final Mat gu;
    final Mat hid;
    final Mat last;

    Scratch(int rows, int feeds) {
      this.rows = rows;
      this.feeds = feeds;
      int r = Math.max(rows, 1);
      x = Mat.zeros(r, c.dim());
      xn = Mat.zeros(r, c.dim());
      rstd = new float[Math.max(r, feeds)];
      qkv = Mat.zeros(r, c.dim() + 2 * c.kvDim());
      att = Mat.zeros(r, c.dim());
      tmp = Mat.zeros(r, c.dim());
      gu = Mat.zeros(r, 2 * c.hiddenDim());
      hid = Mat.zeros(r, c.hiddenDim());
      last = Mat.zeros(Math.max(feeds, 1), c.dim());
    }
  }
}
