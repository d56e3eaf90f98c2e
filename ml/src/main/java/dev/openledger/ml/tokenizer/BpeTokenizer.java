package dev.openledger.ml.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level BPE tokenizer (GPT-2 / Hugging Face {@code ByteLevel} + {@code BPE}).
 *
 * <p>Encoding: added tokens are cut out first ({@link #encode}; {@link #encodeOrdinary} skips this
 * step, for untrusted text that must not inject control tokens); each remaining segment is split by
 * {@link Gpt2PreTokenizer}, each piece's UTF-8 bytes become byte-level characters, and the merges
 * are applied lowest rank first, leftmost first among equal ranks (Hugging Face's {@code
 * Word::merge_all}, which gives GPT-2's results). Pieces are cached.
 *
 * <p>Immutable and thread-safe. Build one with {@link #create}, {@link BpeTrainer}, or a reader in
 * {@code dev.openledger.ml.format}.
 */
public final class BpeTokenizer {
  /**
   * Options of the Hugging Face model and pre-tokenizer that change ids.
   *
   * @param addPrefixSpace prepend a space to each text segment that does not start with one ({@code
   *     ByteLevel add_prefix_space}); GPT-2 uses false
   * @param ignoreMerges emit a piece that is already a vocabulary token whole, without merging
   *     ({@code BPE ignore_merges}, Llama 3)
   */
  public record Options(boolean addPrefixSpace, boolean ignoreMerges) {
    public static final Options GPT2 = new Options(false, false);
  }

  private static final int CACHE_LIMIT = 1 << 16;

  /** Longer pieces (runs of digits, symbols or spaces) are rare and would pin memory if cached. */
  private static final int CACHEABLE_LENGTH = 64;

  private final List<String> vocab;
  private final Map<String, Integer> ids;
  private final List<Merge> merges;
  private final List<AddedToken> added;
  private final Options options;
  private final int[] byteIds = new int[256];

  /** (left id, right id) → rank; {@code mergeResult[rank]} is the merged token's id. */
  private final LongIntMap mergeRanks;

  private final int[] mergeResult;
  private final byte[][] tokenBytes;
  private final boolean[] special;
  private final AddedTokenMatcher matcher;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private BpeTokenizer(
      List<String> vocab, List<Merge> merges, List<AddedToken> added, Options options) {
    this.vocab = List.copyOf(vocab);
    this.merges = List.copyOf(merges);
    this.added = List.copyOf(added);
    this.options = Objects.requireNonNull(options, "options");
    this.ids = new HashMap<>(vocab.size() * 2);
    this.tokenBytes = new byte[vocab.size()][];
    this.special = new boolean[vocab.size()];
    for (int id = 0; id < this.vocab.size(); id++) {
      String t = this.vocab.get(id);
      if (t == null || t.isEmpty()) {
        throw new IllegalArgumentException("token " + id + " is empty");
      }
      Integer prev = ids.put(t, id);
      if (prev != null) {
        throw new IllegalArgumentException(
            "token '" + t + "' appears twice, as ids " + prev + " and " + id);
      }
    }
    boolean[] isAdded = checkAdded();
    for (int id = 0; id < this.vocab.size(); id++) {
      String t = this.vocab.get(id);
      if (isAdded[id]) {
        tokenBytes[id] = t.getBytes(StandardCharsets.UTF_8);
      } else if (ByteLevel.isByteLevel(t)) {
        tokenBytes[id] = ByteLevel.decode(t);
      } else {
        throw new IllegalArgumentException(
            "token '" + t + "' (id " + id + ") is neither an added token nor byte-level text");
      }
    }
    for (int b = 0; b < 256; b++) {
      Integer id = ids.get(String.valueOf(ByteLevel.charOf(b)));
      if (id == null || isAdded[id]) {
        throw new IllegalArgumentException(
            "the vocabulary lacks a token for byte 0x"
                + String.format("%02X", b)
                + " ('"
                + ByteLevel.charOf(b)
                + "')");
      }
      byteIds[b] = id;
    }
    this.mergeRanks = new LongIntMap(this.merges.size());
    this.mergeResult = new int[this.merges.size()];
    for (int rank = 0; rank < this.merges.size(); rank++) {
      Merge m = this.merges.get(rank);
      int l = mergeId(m.left(), m, isAdded);
      int r = mergeId(m.right(), m, isAdded);
      int res = mergeId(m.result(), m, isAdded);
      long key = LongIntMap.pair(l, r);
      int earlier = mergeRanks.get(key, -1);
      if (earlier >= 0) {
        throw new IllegalArgumentException(
            "merge '" + m + "' is listed twice (ranks " + earlier + " and " + rank + ")");
      }
      mergeRanks.put(key, rank);
      mergeResult[rank] = res;
    }
    this.matcher = new AddedTokenMatcher(this.added);
  }

  private boolean[] checkAdded() {
    boolean[] isAdded = new boolean[vocab.size()];
    for (AddedToken a : added) {
      if (a.id() >= vocab.size() || !vocab.get(a.id()).equals(a.content())) {
        throw new IllegalArgumentException(
            "added token '"
                + a.content()
                + "' has id "
                + a.id()
                + ", which the vocabulary does not give it");
      }
      if (isAdded[a.id()]) {
        throw new IllegalArgumentException("added token id " + a.id() + " is listed twice");
      }
      isAdded[a.id()] = true;
      special[a.id()] = a.special();
    }
    return isAdded;
  }

  private int mergeId(String token, Merge m, boolean[] isAdded) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new IllegalArgumentException(
          "merge '" + m + "' uses or makes '" + token + "', which is not in the vocabulary");
    }
    if (isAdded[id]) {
      throw new IllegalArgumentException("merge '" + m + "' involves added token '" + token + "'");
    }
    return id;
  }

  /**
   * Builds a tokenizer.
   *
   * @param vocab token text by id: byte-level text for BPE tokens, the literal content for added
   *     tokens; must contain all 256 single-byte tokens
   * @param merges merge rules by rank; each side and the result must be vocabulary tokens
   * @param added tokens matched whole before BPE; each must sit at its id in {@code vocab}
   * @throws IllegalArgumentException naming the offending token or merge if the parts are
   *     inconsistent
   */
  public static BpeTokenizer create(
      List<String> vocab, List<Merge> merges, List<AddedToken> added, Options options) {
    return new BpeTokenizer(vocab, merges, added, options);
  }

  /** Token ids of {@code text}; added tokens written in the text become their ids. */
  public int[] encode(String text) {
    IntList out = new IntList(text.length() / 3 + 4);
    if (matcher.isEmpty()) {
      encodeSegment(text, out);
      return out.toArray();
    }
    for (AddedTokenMatcher.Segment s : matcher.split(text)) {
      if (s.id() >= 0) {
        out.add(s.id());
      } else {
        encodeSegment(s.text(), out);
      }
    }
    return out.toArray();
  }

  /**
   * Token ids of {@code text} as plain text: added-token strings in it are tokenized like any other
   * text.
   */
  public int[] encodeOrdinary(String text) {
    IntList out = new IntList(text.length() / 3 + 4);
    encodeSegment(text, out);
    return out.toArray();
  }

  private void encodeSegment(String text, IntList out) {
    if (text.isEmpty()) {
      return;
    }
    String t = options.addPrefixSpace() && text.charAt(0) != ' ' ? " " + text : text;
    for (String piece : Gpt2PreTokenizer.split(t)) {
      out.addAll(encodePiece(piece));
    }
  }

  private int[] encodePiece(String piece) {
    int[] hit = cache.get(piece);
    if (hit != null) {
      return hit;
    }
    byte[] bytes = Utf8.encode(piece);
    int[] result;
    Integer whole = options.ignoreMerges() ? ids.get(ByteLevel.encode(bytes)) : null;
    if (whole != null) {
      result = new int[] {whole};
    } else {
      int[] symbols = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = byteIds[bytes[i] & 0xFF];
      }
      result = merge(symbols);
    }
    if (piece.length() <= CACHEABLE_LENGTH) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear(); // crude but bounded; a working set of pieces refills it quickly
      }
      cache.put(piece, result);
    }
    return result;
  }

  /**
   * Applies merges to a word: a priority queue of (rank, position) over a linked list of symbols.
   * Stale queue entries (a neighbour already merged away, or the pair changed) are skipped when
   * popped.
   */
  private int[] merge(int[] symbols) {
    int n = symbols.length;
    if (n < 2) {
      return symbols;
    }
    int[] sym = symbols; // owned: a fresh array from encodePiece
    int[] prev = new int[n];
    int[] next = new int[n];
    boolean[] gone = new boolean[n];
    LongHeap heap = new LongHeap(n);
    for (int i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
      if (i + 1 < n) {
        push(heap, sym[i], sym[i + 1], i);
      }
    }
    int alive = n;
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int rank = (int) (top >>> 32);
      int i = (int) top;
      int j = gone[i] ? -1 : next[i];
      if (j < 0 || mergeRanks.get(LongIntMap.pair(sym[i], sym[j]), -1) != rank) {
        continue;
      }
      sym[i] = mergeResult[rank];
      gone[j] = true;
      alive--;
      next[i] = next[j];
      if (next[j] >= 0) {
        prev[next[j]] = i;
        push(heap, sym[i], sym[next[i]], i);
      }
      if (prev[i] >= 0) {
        push(heap, sym[prev[i]], sym[i], prev[i]);
      }
    }
    int[] out = new int[alive];
    for (int i = 0, o = 0; i >= 0; i = next[i]) {
      out[o++] = sym[i];
    }
    return out;
  }

  private void push(LongHeap heap, int left, int right, int pos) {
    int rank = mergeRanks.get(LongIntMap.pair(left, right), -1);
    if (rank >= 0) {
      heap.push(((long) rank << 32) | pos);
    }
  }

  /** The UTF-8 text of {@code ids}, added tokens included; invalid UTF-8 becomes U+FFFD. */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  /** The text of {@code ids}, leaving out special tokens if {@code skipSpecial}. */
  public String decode(int[] ids, boolean skipSpecial) {
    return new String(decodeBytes(ids, skipSpecial), StandardCharsets.UTF_8);
  }

  /** The raw bytes of {@code ids} (a token may end inside a UTF-8 sequence). */
  public byte[] decodeBytes(int[] ids, boolean skipSpecial) {
    int len = 0;
    for (int id : ids) {
      checkId(id);
      len += skipSpecial && special[id] ? 0 : tokenBytes[id].length;
    }
    byte[] out = new byte[len];
    int o = 0;
    for (int id : ids) {
      if (!(skipSpecial && special[id])) {
        System.arraycopy(tokenBytes[id], 0, out, o, tokenBytes[id].length);
        o += tokenBytes[id].length;
      }
    }
    return out;
  }

  /** The bytes one token stands for (a copy). */
  public byte[] tokenBytes(int id) {
    checkId(id);
    return tokenBytes[id].clone();
  }

  private void checkId(int id) {
    if (id < 0 || id >= vocab.size()) {
      throw new IllegalArgumentException(
          "token id " + id + " is outside the vocabulary [0, " + vocab.size() + ")");
    }
  }

  /** Number of tokens, added tokens included. */
  public int vocabSize() {
    return vocab.size();
  }

  /** Token text by id (byte-level text, or an added token's content). */
  public List<String> vocab() {
    return vocab;
  }

  /** The text of token {@code id}. */
  public String token(int id) {
    checkId(id);
    return vocab.get(id);
  }

  /** The id of a token given by its vocabulary text. */
  public OptionalInt id(String token) {
    Integer id = ids.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** The id of the added token whose content is {@code content}. */
  public OptionalInt addedTokenId(String content) {
    for (AddedToken a : added) {
      if (a.content().equals(content)) {
        return OptionalInt.of(a.id());
      }
    }
    return OptionalInt.empty();
  }

  /** Whether {@code id} is a special added token. */
  public boolean isSpecial(int id) {
    checkId(id);
    return special[id];
  }

  public List<Merge> merges() {
    return merges;
  }

  public List<AddedToken> addedTokens() {
    return added;
  }

  public Options options() {
    return options;
  }

  /** Equal when vocabulary, merges, added tokens and options are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BpeTokenizer t
        && vocab.equals(t.vocab)
        && merges.equals(t.merges)
        && added.equals(t.added)
        && options.equals(t.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocab, merges, added, options);
  }

  @Override
  public String toString() {
    return "BpeTokenizer[vocab="
        + vocab.size()
        + ", merges="
        + merges.size()
        + ", added="
        + added.size()
        + "]";
  }
}
