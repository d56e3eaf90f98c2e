package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.tokenizer.AddedToken;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.Merge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face {@code tokenizer.json} for byte-level BPE: model {@code BPE}, pre-tokenizer and
 * decoder {@code ByteLevel}, {@code added_tokens}. Files from GPT-2, RoBERTa-style models and our
 * own trainer load; features that would change ids and that this engine does not implement
 * (normalizers, split regexes, templates that add tokens, truncation, BPE dropout, subword
 * prefixes...) are refused with a {@link FormatException} naming the field, never silently ignored.
 */
public final class TokenizerJson {
  /** Largest file read (Llama 3's is about 9 MB). */
  static final long MAX_BYTES = 128L << 20;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TokenizerJson() {}

  /** Reads a {@code tokenizer.json} file. */
  public static BpeTokenizer read(Path file) throws IOException {
    return parse(FileSupport.readBounded(file, MAX_BYTES, "tokenizer.json"));
  }

  /** Parses the bytes of a {@code tokenizer.json}. */
  public static BpeTokenizer parse(byte[] json) throws FormatException {
    JsonNode root = FileSupport.parseJson(json, "tokenizer.json");
    Fields top = new Fields(root, "tokenizer.json");
    top.requireNullOrAbsent("truncation");
    top.requireNullOrAbsent("padding");
    top.requireNullOrAbsent("normalizer");
    top.optional("version");
    boolean addPrefixSpace = preTokenizer(top.optional("pre_tokenizer"));
    byteLevelOrNull(top.optional("post_processor"), "post_processor");
    byteLevelOrNull(top.optional("decoder"), "decoder");
    List<AddedToken> added = addedTokens(top.optional("added_tokens"));
    JsonNode modelNode = top.optional("model");
    if (modelNode == null) {
      throw new FormatException("tokenizer.json: no 'model'");
    }
    top.rejectOthers();
    Fields model = new Fields(modelNode, "tokenizer.json model");
    String type = model.text("type");
    if (!type.equals("BPE")) {
      throw new FormatException(
          "tokenizer.json model: type '" + type + "' is not supported (only BPE)");
    }
    model.requireNullOrAbsent("dropout");
    model.requireEmptyOrAbsent("continuing_subword_prefix");
    model.requireEmptyOrAbsent("end_of_word_suffix");
    model.requireFalseOrAbsent("byte_fallback");
    model.optional("fuse_unk");
    JsonNode unk = model.optional("unk_token");
    boolean ignoreMerges = model.bool("ignore_merges", false);
    List<String> vocab = vocab(model.require("vocab"), added);
    List<Merge> merges = merges(model.require("merges"));
    model.rejectOthers();
    if (unk != null && !unk.isNull() && !(unk.isTextual() && vocab.contains(unk.asText()))) {
      throw new FormatException(
          "tokenizer.json model: unk_token " + unk + " is not a vocabulary token");
    }
    try {
      return BpeTokenizer.create(
          vocab, merges, added, new BpeTokenizer.Options(addPrefixSpace, ignoreMerges));
    } catch (IllegalArgumentException e) {
      throw new FormatException("tokenizer.json: " + e.getMessage(), e);
    }
  }

  private static boolean preTokenizer(JsonNode node) throws FormatException {
    if (node == null || node.isNull()) {
      throw new FormatException("tokenizer.json: pre_tokenizer must be ByteLevel, found none");
    }
    Fields f = new Fields(node, "tokenizer.json pre_tokenizer");
    String type = f.text("type");
    if (!type.equals("ByteLevel")) {
      throw new FormatException(
          "tokenizer.json pre_tokenizer: type '" + type + "' is not supported (only ByteLevel)");
    }
    if (!f.bool("use_regex", true)) {
      throw new FormatException("tokenizer.json pre_tokenizer: use_regex=false is not supported");
    }
    boolean addPrefixSpace = f.bool("add_prefix_space", true);
    f.optional("trim_offsets");
    f.rejectOthers();
    return addPrefixSpace;
  }

  /**
   * Post-processor and decoder: null, or ByteLevel (whose options only affect offsets, not ids or
   * text).
   */
  private static void byteLevelOrNull(JsonNode node, String field) throws FormatException {
    if (node == null || node.isNull()) {
      return;
    }
    Fields f = new Fields(node, "tokenizer.json " + field);
    String type = f.text("type");
    if (!type.equals("ByteLevel")) {
      throw new FormatException(
          "tokenizer.json " + field + ": type '" + type + "' is not supported (only ByteLevel)");
    }
    f.optional("add_prefix_space");
    f.optional("trim_offsets");
    f.optional("use_regex");
    f.rejectOthers();
  }

  private static List<AddedToken> addedTokens(JsonNode node) throws FormatException {
    List<AddedToken> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new FormatException("tokenizer.json: added_tokens must be an array");
    }
    for (int i = 0; i < node.size(); i++) {
      Fields f = new Fields(node.get(i), "tokenizer.json added_tokens[" + i + "]");
      int id = f.intValue("id");
      String content = f.text("content");
      for (String flag : List.of("single_word", "lstrip", "rstrip")) {
        f.requireFalseOrAbsent(flag);
      }
      f.optional("normalized");
      boolean special = f.bool("special", false);
      f.rejectOthers();
      try {
        out.add(new AddedToken(id, content, special));
      } catch (IllegalArgumentException e) {
        throw new FormatException("tokenizer.json added_tokens[" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The vocabulary by id; added tokens missing from the model's vocab are placed at their ids. */
  private static List<String> vocab(JsonNode node, List<AddedToken> added) throws FormatException {
    if (!node.isObject()) {
      throw new FormatException("tokenizer.json model: vocab must be an object of token → id");
    }
    Map<Integer, String> byId = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isInt() || v.intValue() < 0) {
        throw new FormatException(
            "tokenizer.json vocab: token '"
                + e.getKey()
                + "' has id "
                + v
                + ", not a non-negative int");
      }
      String prev = byId.put(v.intValue(), e.getKey());
      if (prev != null) {
        throw new FormatException(
            "tokenizer.json vocab: id "
                + v
                + " is given to both '"
                + prev
                + "' and '"
                + e.getKey()
                + "'");
      }
    }
    for (AddedToken a : added) {
      String inVocab = byId.putIfAbsent(a.id(), a.content());
      if (inVocab != null && !inVocab.equals(a.content())) {
        throw new FormatException(
            "tokenizer.json: id "
                + a.id()
                + " is '"
                + inVocab
                + "' in vocab but '"
                + a.content()
                + "' in added_tokens");
      }
    }
    List<String> out = new ArrayList<>(byId.size());
    for (int id = 0; id < byId.size(); id++) {
      String t = byId.get(id);
      if (t == null) {
        throw new FormatException(
            "tokenizer.json: no token has id " + id + " (ids must run from 0 without gaps)");
      }
      out.add(t);
    }
    return out;
  }

  private static List<Merge> merges(JsonNode node) throws FormatException {
    if (!node.isArray()) {
      throw new FormatException("tokenizer.json model: merges must be an array");
    }
    List<Merge> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      String left;
      String right;
      if (m.isTextual()) {
        // "a b": tokens never contain a space in byte-level BPE (space is 'Ġ').
        String[] parts = m.asText().split(" ", -1);
        if (parts.length != 2) {
          throw new FormatException(
              "tokenizer.json merges["
                  + i
                  + "]: '"
                  + m.asText()
                  + "' is not two tokens separated by one space");
        }
        left = parts[0];
        right = parts[1];
      } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
        left = m.get(0).asText();
        right = m.get(1).asText();
      } else {
        throw new FormatException(
            "tokenizer.json merges[" + i + "]: expected \"a b\" or [\"a\", \"b\"], found " + m);
      }
      if (left.isEmpty() || right.isEmpty()) {
        throw new FormatException("tokenizer.json merges[" + i + "]: empty token in " + m);
      }
      out.add(new Merge(left, right));
    }
    return out;
  }

  /**
   * The {@code tokenizer.json} text of {@code tokenizer}: loadable by Hugging Face {@code
   * tokenizers}.
   */
  public static String toJson(BpeTokenizer tokenizer) {
    ObjectNode root = F.objectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (AddedToken a : tokenizer.addedTokens()) {
      ObjectNode t = added.addObject();
      t.put("id", a.id());
      t.put("content", a.content());
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", a.special());
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(tokenizer.options().addPrefixSpace(), true));
    root.set("post_processor", byteLevel(true, false));
    root.set("decoder", byteLevel(true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", tokenizer.options().ignoreMerges());
    ObjectNode vocab = model.putObject("vocab");
    List<String> tokens = tokenizer.vocab();
    for (int id = 0; id < tokens.size(); id++) {
      vocab.put(tokens.get(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    for (Merge m : tokenizer.merges()) {
      merges.add(m.toString());
    }
    return Json.writePretty(root) + "\n";
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode n = F.objectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", addPrefixSpace);
    n.put("trim_offsets", trimOffsets);
    n.put("use_regex", true);
    return n;
  }

  /** Writes {@code tokenizer} to {@code file} (atomically). */
  public static void write(Path file, BpeTokenizer tokenizer) throws IOException {
    FileSupport.writeAtomically(file, toJson(tokenizer).getBytes(StandardCharsets.UTF_8));
  }
}
