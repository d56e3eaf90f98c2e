package dev.openledger.ml.format;

import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.Merge;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * llama2.c's {@code tokenizer.bin}, read by run.c's {@code build_tokenizer}: {@code int32
 * max_token_length}, then for each of the model's {@code vocab_size} ids {@code float32 score,
 * int32 len, len bytes} (no terminator). The vocabulary size is not stored; run.c takes it from the
 * checkpoint.
 *
 * <p>Written from a byte-level BPE tokenizer: each token's raw bytes (a BPE token's bytes, an added
 * token's UTF-8 text); score {@code -rank} of the merge that first made the token (run.c merges the
 * pair whose result scores highest, which then follows the merge order), 0 for single bytes, -1e9
 * for added tokens so that run.c never merges into them. Ids past the tokenizer (a padded model
 * vocabulary) are written as {@code <unusedID>}, since run.c cannot read an empty token. run.c's
 * own prompt encoder has no GPT-2 pre-tokenization and assumes BOS = 1 and raw bytes at ids 3..258:
 * {@link dev.openledger.ml.tokenizer.BpeTrainer}'s default layout satisfies the latter, but prompt
 * ids can still differ from ours; generation from BOS alone is unaffected.
 */
public final class Llama2cTokenizer {
  static final float ADDED_SCORE = -1e9f;

  /** A tokenizer.bin read back. */
  public record Contents(int maxTokenLength, float[] scores, byte[][] tokens) {}

  private Llama2cTokenizer() {}

  /** Writes {@code tokenizer} for a model of {@code vocabSize} ids (≥ the tokenizer's size). */
  public static void write(Path file, BpeTokenizer tokenizer, int vocabSize) throws IOException {
    if (vocabSize < tokenizer.vocabSize()) {
      throw new IllegalArgumentException(
          "model vocabulary "
              + vocabSize
              + " is smaller than the tokenizer's "
              + tokenizer.vocabSize());
    }
    float[] scores = scores(tokenizer);
    byte[][] tokens = new byte[vocabSize][];
    int max = 1;
    long total = 4;
    for (int id = 0; id < vocabSize; id++) {
      tokens[id] =
          id < tokenizer.vocabSize()
              ? tokenizer.tokenBytes(id)
              : ("<unused" + id + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      max = Math.max(max, tokens[id].length);
      total += 8 + tokens[id].length;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(max);
    for (int id = 0; id < vocabSize; id++) {
      b.putFloat(id < scores.length ? scores[id] : ADDED_SCORE)
          .putInt(tokens[id].length)
          .put(tokens[id]);
    }
    FileSupport.writeAtomically(file, b.array());
  }

  private static float[] scores(BpeTokenizer t) {
    float[] s = new float[t.vocabSize()];
    Arrays.fill(s, Float.NaN);
    List<Merge> merges = t.merges();
    for (int rank = 0; rank < merges.size(); rank++) {
      int id = t.id(merges.get(rank).result()).orElseThrow();
      if (Float.isNaN(s[id])) {
        s[id] = -rank;
      }
    }
    for (int id = 0; id < s.length; id++) {
      if (Float.isNaN(s[id])) {
        s[id] = 0; // single bytes: never the result of a merge
      }
    }
    t.addedTokens().forEach(a -> s[a.id()] = ADDED_SCORE);
    return s;
  }

  /** Reads a tokenizer.bin for a model of {@code vocabSize} ids. */
  public static Contents read(Path file, int vocabSize) throws IOException {
    byte[] all = FileSupport.readBounded(file, 256L << 20, "tokenizer.bin");
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 4) {
      throw new FormatException("tokenizer.bin: missing max_token_length");
    }
    int max = b.getInt();
    float[] scores = new float[vocabSize];
    byte[][] tokens = new byte[vocabSize][];
    for (int id = 0; id < vocabSize; id++) {
      if (b.remaining() < 8) {
        throw new FormatException("tokenizer.bin: ends before token " + id + " of " + vocabSize);
      }
      scores[id] = b.getFloat();
      int len = b.getInt();
      if (len < 1 || len > max || len > b.remaining()) {
        throw new FormatException(
            "tokenizer.bin: token "
                + id
                + " has length "
                + len
                + " (max_token_length "
                + max
                + ", "
                + b.remaining()
                + " bytes left)");
      }
      tokens[id] = new byte[len];
      b.get(tokens[id]);
    }
    if (b.hasRemaining()) {
      throw new FormatException(
          "tokenizer.bin: " + b.remaining() + " bytes after the last of " + vocabSize + " tokens");
    }
    return new Contents(max, scores, tokens);
  }
}
