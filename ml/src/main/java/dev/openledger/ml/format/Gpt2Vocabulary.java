package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.ml.tokenizer.AddedToken;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.Merge;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's GPT-2 vocabulary files: {@code encoder.json} (byte-level token → id) and {@code
 * vocab.bpe} (a {@code #version} line, then one merge {@code "left right"} per line, by rank).
 * {@code <|endoftext|>}, when present, becomes a special added token, as in Hugging Face's GPT-2
 * tokenizer.
 */
public final class Gpt2Vocabulary {
  public static final String END_OF_TEXT = "<|endoftext|>";
  static final long MAX_BYTES = 64L << 20;

  private Gpt2Vocabulary() {}

  /** Reads {@code encoder.json} and {@code vocab.bpe}. */
  public static BpeTokenizer read(Path encoderJson, Path vocabBpe) throws IOException {
    return parse(
        FileSupport.readBounded(encoderJson, MAX_BYTES, "encoder.json"),
        FileSupport.readBounded(vocabBpe, MAX_BYTES, "vocab.bpe"));
  }

  /** Parses the bytes of {@code encoder.json} and {@code vocab.bpe}. */
  public static BpeTokenizer parse(byte[] encoderJson, byte[] vocabBpe) throws FormatException {
    List<String> vocab = vocab(FileSupport.parseJson(encoderJson, "encoder.json"));
    List<Merge> merges = merges(utf8(vocabBpe));
    List<AddedToken> added = new ArrayList<>();
    int eot = vocab.indexOf(END_OF_TEXT);
    if (eot >= 0) {
      added.add(new AddedToken(eot, END_OF_TEXT, true));
    }
    try {
      return BpeTokenizer.create(vocab, merges, added, BpeTokenizer.Options.GPT2);
    } catch (IllegalArgumentException e) {
      throw new FormatException("GPT-2 vocabulary: " + e.getMessage(), e);
    }
  }

  private static List<String> vocab(JsonNode root) throws FormatException {
    if (!root.isObject()) {
      throw new FormatException("encoder.json must be an object of token → id");
    }
    String[] byId = new String[root.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isInt() || v.intValue() < 0 || v.intValue() >= byId.length) {
        throw new FormatException(
            "encoder.json: token '"
                + e.getKey()
                + "' has id "
                + v
                + ", outside [0, "
                + byId.length
                + ")");
      }
      if (byId[v.intValue()] != null) {
        throw new FormatException(
            "encoder.json: id "
                + v
                + " is given to both '"
                + byId[v.intValue()]
                + "' and '"
                + e.getKey()
                + "'");
      }
      byId[v.intValue()] = e.getKey();
    }
    return List.of(byId); // no nulls: n distinct ids in [0, n)
  }

  private static List<Merge> merges(String text) throws FormatException {
    List<Merge> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
        continue;
      }
      String[] parts = line.split(" ", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new FormatException(
            "vocab.bpe line "
                + (i + 1)
                + ": '"
                + line
                + "' is not two tokens separated by one space");
      }
      out.add(new Merge(parts[0], parts[1]));
    }
    return out;
  }

  private static String utf8(byte[] bytes) throws FormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new FormatException("vocab.bpe is not valid UTF-8", e);
    }
  }
}
