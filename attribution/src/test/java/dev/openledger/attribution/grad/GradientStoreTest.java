package dev.openledger.attribution.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.attribution.kernel.Kernels;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientStoreTest {
  private static final SegmentLayout LAYOUT = SegmentLayout.uniform("lora", 3, 40);
  @TempDir Path dir;

  static Hash id(int i) {
    return Hash.sha256(("row-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes {@code rows} rows × 2 checkpoints; returns the gradients [checkpoint][row]. */
  private List<float[][]> write(Path path, ProjectionSpec spec, int rows) throws IOException {
    Random rnd = new Random(11);
    List<float[][]> all = new ArrayList<>();
    try (GradientStoreWriter w = GradientStoreWriter.create(path, LAYOUT, spec)) {
      for (int c = 0; c < 2; c++) {
        w.beginCheckpoint(c == 0 ? 1e-3 : 5e-4);
        float[][] g = new float[rows][];
        for (int i = 0; i < rows; i++) {
          g[i] = ProjectorTest.gaussian(rnd, LAYOUT.dim());
          assertThat(w.append(id(i), g[i])).isEqualTo(new RowKey(id(i), i));
        }
        w.endCheckpoint();
        all.add(g);
      }
      w.seal();
    }
    return all;
  }

  @Test
  void roundTripsRowsNormsIdsAndLearningRates() throws IOException {
    Path path = dir.resolve("g.olgs");
    ProjectionSpec spec = ProjectionSpec.rademacher(3, 16);
    List<float[][]> grads = write(path, spec, 300);
    GradientStore s = GradientStore.open(path).orElseThrow();
    Projector p = new Projector(spec, LAYOUT);
    assertThat(s.rowCount()).isEqualTo(300);
    assertThat(s.checkpointCount()).isEqualTo(2);
    assertThat(s.learningRate(0)).isEqualTo(1e-3);
    assertThat(s.learningRate(1)).isEqualTo(5e-4);
    assertThat(s.layout()).isEqualTo(p.target());
    assertThat(s.sourceLayout()).isEqualTo(LAYOUT);
    float[] expected = new float[p.target().dim()];
    float[] actual = new float[p.target().dim()];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 300; i += 37) {
        p.project(grads.get(c)[i], expected);
        s.copyRow(c, i, actual);
        assertThat(actual).containsExactly(expected);
        Segment seg = s.layout().get(1);
        assertThat(s.squaredNorm(i, c, 1))
            .isEqualTo(Kernels.dot(expected, seg.offset(), expected, seg.offset(), seg.length()));
      }
    }
    assertThat(s.rowId(299)).isEqualTo(id(299));
    assertThat(s.indexOf(id(17))).hasValue(17);
    assertThat(s.indexOf(Hash.ZERO)).isEmpty();
    assertThat(Files.exists(dir.resolve("g.olgs.partial"))).isFalse();
  }

  @Test
  void theSameInputsGiveTheSameContentHash() throws IOException {
    write(dir.resolve("a"), ProjectionSpec.NONE, 20);
    write(dir.resolve("b"), ProjectionSpec.NONE, 20);
    assertThat(GradientStore.open(dir.resolve("a")).orElseThrow().contentHash())
        .isEqualTo(GradientStore.open(dir.resolve("b")).orElseThrow().contentHash());
  }

  @Test
  void anyChangedByteIsDetected() throws IOException {
    Path path = dir.resolve("t");
    write(path, ProjectionSpec.NONE, 50);
    long size = Files.size(path);
    for (long pos : new long[] {0, 20, 200, size / 2, size - 100, size - 40, size - 1}) {
      Path copy = dir.resolve("t" + pos);
      Files.copy(path, copy);
      try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
        f.seek(pos);
        int b = f.read();
        f.seek(pos);
        f.write(b ^ 0x01);
      }
      Result<GradientStore> r = GradientStore.open(copy);
      assertThat(r.isOk()).as("flipped byte %d", pos).isFalse();
      assertThat(((Result.Err<GradientStore>) r).code()).isIn("store_tampered", "store_corrupt");
    }
  }

  @Test
  void truncatedFilesAreCorrupt() throws IOException {
    Path path = dir.resolve("t");
    write(path, ProjectionSpec.NONE, 5);
    Path cut = dir.resolve("cut");
    byte[] all = Files.readAllBytes(path);
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
    assertThat(GradientStore.open(cut).isOk()).isFalse();
    Files.write(cut, new byte[10]);
    assertThat(((Result.Err<GradientStore>) GradientStore.open(cut)).code())
        .isEqualTo("store_corrupt");
  }

  @Test
  void laterCheckpointsMustRepeatTheRows() throws IOException {
    try (GradientStoreWriter w =
        GradientStoreWriter.create(dir.resolve("x"), LAYOUT, ProjectionSpec.NONE)) {
      w.beginCheckpoint(1);
      w.append(id(0), new float[LAYOUT.dim()]);
      w.append(id(1), new float[LAYOUT.dim()]);
      w.endCheckpoint();
      w.beginCheckpoint(1);
      assertThatThrownBy(() -> w.append(id(1), new float[LAYOUT.dim()]))
          .hasMessageContaining("first checkpoint's order");
    }
    assertThat(Files.exists(dir.resolve("x.partial"))).isFalse();
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void rejectsDuplicateRowsBadLengthsAndNonFiniteValues() throws IOException {
    try (GradientStoreWriter w =
        GradientStoreWriter.create(dir.resolve("y"), LAYOUT, ProjectionSpec.NONE)) {
      w.beginCheckpoint(1);
      w.append(id(0), new float[LAYOUT.dim()]);
      assertThatThrownBy(() -> w.append(id(0), new float[LAYOUT.dim()]))
          .hasMessageContaining("twice");
      assertThatThrownBy(() -> w.append(id(1), new float[3])).hasMessageContaining("elements");
      float[] nan = new float[LAYOUT.dim()];
      nan[4] = Float.NaN;
      assertThatThrownBy(() -> w.append(id(2), nan)).hasMessageContaining("non-finite");
    }
  }

  @Test
  void largeRowsSpanSeveralWrites() throws IOException {
    SegmentLayout big =
        SegmentLayout.uniform("w", 2, 300_000); // one row exceeds the 1 MiB write buffer
    Path path = dir.resolve("big");
    float[] g = ProjectorTest.gaussian(new Random(4), big.dim());
    try (GradientStoreWriter w = GradientStoreWriter.create(path, big, ProjectionSpec.NONE)) {
      w.beginCheckpoint(1);
      w.append(id(0), g);
      w.endCheckpoint();
      w.seal();
    }
    float[] back = new float[big.dim()];
    GradientStore.open(path).orElseThrow().copyRow(0, 0, back);
    assertThat(java.util.Arrays.equals(back, g))
        .isTrue(); // containsExactly is quadratic on 600k elements
  }
}
