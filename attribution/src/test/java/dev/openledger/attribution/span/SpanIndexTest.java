package dev.openledger.attribution.span;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanIndexTest {
  static final Hash DATANET = Hash.sha256("datanet".getBytes(StandardCharsets.UTF_8));
  @TempDir Path dir;

  static Address owner(String name) {
    return Address.module("test-" + name);
  }

  static SpanDocument doc(int id, String owner, long seq, int[] tokens) {
    return new SpanDocument(
        Hash.sha256(("doc-" + id).getBytes(StandardCharsets.UTF_8)),
        owner(owner),
        DATANET,
        seq,
        tokens);
  }

  static List<SpanDocument> randomDocs(Random rnd, int docs, int maxLen, int vocab) {
    List<SpanDocument> out = new ArrayList<>();
    for (int d = 0; d < docs; d++) {
      out.add(
          doc(
              d,
              "o" + rnd.nextInt(3),
              rnd.nextInt(100),
              SuffixArraysTest.random(rnd, rnd.nextInt(maxLen + 1), vocab)));
    }
    return out;
  }

  /** Longest match by scanning every corpus position; never crossing a document. */
  static int bruteLongest(List<SpanDocument> docs, int[] out, int b) {
    int best = 0;
    for (SpanDocument d : docs) {
      int[] t = d.tokens();
      for (int p = 0; p < t.length; p++) {
        int len = 0;
        while (b + len < out.length && p + len < t.length && t[p + len] == out[b + len]) {
          len++;
        }
        best = Math.max(best, len);
      }
    }
    return best;
  }

  static int bruteCount(List<SpanDocument> docs, int[] out, int b, int len) {
    int count = 0;
    for (SpanDocument d : docs) {
      int[] t = d.tokens();
      outer:
      for (int p = 0; p + len <= t.length; p++) {
        for (int i = 0; i < len; i++) {
          if (t[p + i] != out[b + i]) {
            continue outer;
          }
        }
        count++;
      }
    }
    return count;
  }

  @Property(tries = 100)
  void longestMatchesEqualBruteForce(
      @ForAll @IntRange(min = 1, max = 12) int docs,
      @ForAll @IntRange(min = 2, max = 5) int vocab,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    List<SpanDocument> corpus = randomDocs(rnd, docs, 30, vocab);
    SpanIndex index = SpanIndex.build(corpus, vocab, 4);
    int[] out = SuffixArraysTest.random(rnd, 25, vocab + 1); // token == vocab is out of vocabulary
    for (int b = 0; b < out.length; b++) {
      SpanIndex.Match m = index.longestMatch(out, b);
      assertThat(m.length()).isEqualTo(bruteLongest(corpus, out, b));
      if (m.length() > 0) {
        assertThat(m.occurrences()).isEqualTo(bruteCount(corpus, out, b, m.length()));
      }
    }
  }

  @Test
  void keepsMaximalSpansCreditsTheFirstSubmitterAndCountsCoverage() {
    Random rnd = new Random(1);
    int vocab = 500;
    int[] original = SuffixArraysTest.random(rnd, 60, vocab);
    int[] other = SuffixArraysTest.random(rnd, 60, vocab);
    List<SpanDocument> docs =
        List.of(
            doc(2, "copier", 20, original.clone()), // same text, submitted later
            doc(1, "alice", 10, original.clone()),
            doc(3, "bob", 5, other));
    SpanIndex index = SpanIndex.build(docs, vocab, 8);
    int[] out = new int[50];
    System.arraycopy(original, 10, out, 0, 20); // 20 tokens of alice's text
    for (int i = 20; i < 30; i++) {
      out[i] = vocab - 1 - (i % 3); // filler
    }
    System.arraycopy(other, 0, out, 30, 20); // 20 tokens of bob's
    SpanSearch s = SpanMatcher.search(index, out, new SpanConfig(8, 1000));
    List<Span> long20 = s.spans().stream().filter(x -> x.length() >= 20).toList();
    assertThat(long20).hasSize(2);
    assertThat(long20.get(0).owner()).isEqualTo(owner("alice"));
    assertThat(long20.get(0).occurrences()).isEqualTo(2);
    assertThat(long20.get(1).owner()).isEqualTo(owner("bob"));
    for (int i = 1; i < s.spans().size(); i++) {
      assertThat(s.spans().get(i).end())
          .isGreaterThan(s.spans().get(i - 1).end()); // none contained in another
    }
    assertThat(s.coveredTokens()).isBetween(40, 50);
    // A span found twice weighs less than the same span found once.
    double once = SpanMatcher.weight(index, out, 30, 50, 1);
    double twice = SpanMatcher.weight(index, out, 30, 50, 2);
    assertThat(twice).isLessThan(once);
  }

  @Test
  void detectsCopiesOfEarlierOwnersButNotOwnDuplicates() {
    Random rnd = new Random(2);
    int[] a = SuffixArraysTest.random(rnd, 100, 1000);
    int[] edited = a.clone();
    edited[50] = (edited[50] + 1) % 1000; // one small edit
    int[] own = a.clone();
    SpanIndex index =
        SpanIndex.build(
            List.of(
                doc(1, "alice", 1, a),
                doc(2, "mallory", 2, edited),
                doc(3, "alice", 3, own),
                doc(4, "bob", 4, SuffixArraysTest.random(rnd, 100, 1000))),
            1000,
            8);
    assertThat(index.document(0).copiedTokens()).isZero(); // the original
    assertThat(index.document(1).copiedFraction()).isGreaterThan(0.9); // mallory's edited copy
    assertThat(index.document(2).copiedTokens()).isZero(); // alice repeating herself is not copying
    assertThat(index.document(3).copiedTokens()).isZero();
  }

  @Test
  void writesOpensAndDetectsTampering() throws IOException {
    Random rnd = new Random(3);
    List<SpanDocument> corpus = randomDocs(rnd, 20, 200, 50);
    SpanIndex built = SpanIndex.build(corpus, 50, 6);
    Path path = dir.resolve("idx");
    assertThat(built.write(path)).isEqualTo(built.contentHash());
    SpanIndex opened = SpanIndex.open(path).orElseThrow();
    assertThat(opened.contentHash()).isEqualTo(built.contentHash());
    assertThat(opened.documents()).isEqualTo(built.documents());
    int[] out = SuffixArraysTest.random(rnd, 40, 50);
    assertThat(SpanMatcher.search(opened, out, new SpanConfig(3, 100)))
        .isEqualTo(SpanMatcher.search(built, out, new SpanConfig(3, 100)));
    long size = Files.size(path);
    for (long pos : new long[] {3, 70, size / 2, size - 50, size - 1}) {
      Path copy = dir.resolve("c" + pos);
      Files.copy(path, copy);
      try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
        f.seek(pos);
        int b = f.read();
        f.seek(pos);
        f.write(b ^ 0x10);
      }
      Result<SpanIndex> r = SpanIndex.open(copy);
      assertThat(r.isOk()).isFalse();
      assertThat(((Result.Err<SpanIndex>) r).code()).isIn("index_tampered", "index_corrupt");
    }
  }
}
