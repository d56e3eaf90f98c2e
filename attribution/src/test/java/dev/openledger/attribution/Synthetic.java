package dev.openledger.attribution;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.GradientStoreWriter;
import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.attribution.share.RowCatalog;
import dev.openledger.attribution.share.RowInfo;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic training rows with known ground truth: each row belongs to a topic, and its per-example
 * gradient is the topic's mean direction plus Gaussian noise, so a query from topic g should find
 * g's rows. Spam rows point in random directions with a large norm.
 */
public final class Synthetic {
  public static final Hash DATANET_A = hash("datanet-a");
  public static final Hash DATANET_B = hash("datanet-b");

  /** A training row and its gradients, one per checkpoint. */
  public record Row(
      Hash rowId,
      Hash contentHash,
      Address contributor,
      Hash datanet,
      long seq,
      int topic,
      float[][] grads) {
    public RowInfo info() {
      return new RowInfo(rowId, contentHash, contributor, datanet, seq);
    }

    /** The same content and gradients under a new id, owner and submission time. */
    public Row copyAs(String id, Address owner, long newSeq) {
      return new Row(hash(id), contentHash, owner, datanet, newSeq, topic, grads);
    }

    public Row ownedBy(Address owner) {
      return new Row(rowId, contentHash, owner, datanet, seq, topic, grads);
    }
  }

  private final SegmentLayout layout;
  private final float[][] means; // [topic][dim]
  private final float noise;
  private final int checkpoints;
  private final Random rnd;
  private int next;

  /**
   * @param layout gradient layout
   * @param topics number of topics
   * @param noise per-row noise norm relative to the topic mean's norm (≈1)
   * @param checkpoints gradients per row
   */
  public Synthetic(SegmentLayout layout, int topics, float noise, int checkpoints, long seed) {
    this.layout = layout;
    this.noise = noise;
    this.checkpoints = checkpoints;
    this.rnd = new Random(seed);
    this.means = new float[topics][];
    for (int t = 0; t < topics; t++) {
      means[t] = direction(1f);
    }
  }

  public static Hash hash(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  public static Address account(String name) {
    return Address.module("synthetic-" + name);
  }

  public SegmentLayout layout() {
    return layout;
  }

  /** A random direction of norm {@code norm}. */
  public float[] direction(float norm) {
    float[] v = new float[layout.dim()];
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian();
      s += v[i] * v[i];
    }
    float f = (float) (norm / Math.sqrt(s));
    for (int i = 0; i < v.length; i++) {
      v[i] *= f;
    }
    return v;
  }

  /** Topic mean plus noise of norm {@code noiseNorm}. */
  public float[] around(int topic, float noiseNorm) {
    float[] n = direction(noiseNorm);
    for (int i = 0; i < n.length; i++) {
      n[i] += means[topic][i];
    }
    return n;
  }

  public Row row(int topic, Address contributor, Hash datanet) {
    int id = next++;
    float[][] g = new float[checkpoints][];
    for (int c = 0; c < checkpoints; c++) {
      g[c] = around(topic, noise);
    }
    return new Row(hash("row-" + id), hash("content-" + id), contributor, datanet, id, topic, g);
  }

  /** A spam row: random direction, {@code norm} times the norm of an honest row. */
  public Row spam(Address contributor, float norm) {
    int id = next++;
    float[][] g = new float[checkpoints][];
    for (int c = 0; c < checkpoints; c++) {
      g[c] = direction(norm);
    }
    return new Row(hash("row-" + id), hash("content-" + id), contributor, DATANET_A, id, -1, g);
  }

  /** A query gradient from {@code topic}, one vector per checkpoint. */
  public List<float[]> query(int topic, float noiseNorm) {
    List<float[]> q = new ArrayList<>();
    for (int c = 0; c < checkpoints; c++) {
      q.add(around(topic, noiseNorm));
    }
    return q;
  }

  public static GradientStore store(
      Path path, SegmentLayout layout, ProjectionSpec spec, List<Row> rows, double[] learningRates)
      throws IOException {
    try (GradientStoreWriter w = GradientStoreWriter.create(path, layout, spec)) {
      for (int c = 0; c < learningRates.length; c++) {
        w.beginCheckpoint(learningRates[c]);
        for (Row r : rows) {
          w.append(r.rowId(), r.grads()[c]);
        }
        w.endCheckpoint();
      }
      w.seal();
    }
    return GradientStore.open(path).orElseThrow();
  }

  public static RowCatalog catalog(List<Row> rows) {
    return new RowCatalog(rows.stream().map(Row::info).toList());
  }
}
