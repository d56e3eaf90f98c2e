package dev.openledger.ml.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns a byte-level BPE vocabulary from text: pieces from {@link Gpt2PreTokenizer} are counted,
 * then the most frequent adjacent pair is merged until the vocabulary is full (Sennrich et al.
 * 2016, with GPT-2's byte-level alphabet). Pair counts are updated incrementally, touching only the
 * words that contain the merged pair.
 *
 * <p>Deterministic: words are indexed in string order and ties between equally frequent pairs go to
 * the pair of lower token ids, so the same text and options always give the same tokenizer.
 *
 * <p>Id layout of the result: {@code leadingSpecials}, then the 256 bytes in byte order, then
 * merged tokens, then {@code trailingSpecials}. With the default three leading specials, bytes
 * start at id 3 and BOS is id 1, as llama2.c's {@code run.c} assumes.
 */
public final class BpeTrainer {
  public static final String PAD = "<|pad|>";
  public static final String BOS = "<|bos|>";
  public static final String EOS = "<|eos|>";
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";

  /**
   * @param vocabSize the size to reach, specials and the 256 byte tokens included; smaller if the
   *     text runs out of pairs seen {@code minFrequency} times
   * @param minFrequency the least count of a pair worth merging
   * @param leadingSpecials special tokens given the first ids
   * @param trailingSpecials special tokens given the last ids
   */
  public record Options(
      int vocabSize,
      int minFrequency,
      List<String> leadingSpecials,
      List<String> trailingSpecials) {
    public Options {
      leadingSpecials = List.copyOf(leadingSpecials);
      trailingSpecials = List.copyOf(trailingSpecials);
      int fixed = 256 + leadingSpecials.size() + trailingSpecials.size();
      if (vocabSize < fixed) {
        throw new IllegalArgumentException(
            "vocabSize " + vocabSize + " is below the " + fixed + " fixed tokens");
      }
      if (minFrequency < 1) {
        throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
      }
      Set<String> seen = new HashSet<>();
      for (String s : concat(leadingSpecials, trailingSpecials)) {
        if (s.isEmpty() || !seen.add(s)) {
          throw new IllegalArgumentException("special tokens must be non-empty and distinct: " + s);
        }
      }
    }

    /** PAD, BOS, EOS first (ids 0, 1, 2), the ChatML markers last; pairs seen at least twice. */
    public static Options defaults(int vocabSize) {
      return new Options(vocabSize, 2, List.of(PAD, BOS, EOS), List.of(IM_START, IM_END));
    }
  }

  private final Options options;
  private final Map<String, int[]> counts = new HashMap<>();

  public BpeTrainer(Options options) {
    this.options = options;
  }

  /**
   * Counts the pieces of one text (a document or a line); added-token strings in it are plain text.
   */
  public void add(String text) {
    for (String piece : Gpt2PreTokenizer.split(text)) {
      counts.computeIfAbsent(piece, k -> new int[1])[0]++;
    }
  }

  /** Learns merges from everything added so far. */
  public BpeTokenizer train() {
    List<String> words = new ArrayList<>(counts.keySet());
    words.sort(Comparator.naturalOrder());
    State s = new State(words.size());
    for (int w = 0; w < words.size(); w++) {
      byte[] bytes = Utf8.encode(words.get(w));
      int[] syms = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        syms[i] = bytes[i] & 0xFF;
      }
      s.symbols[w] = syms;
      s.freq[w] = counts.get(words.get(w))[0];
      s.addPairs(w, +1);
    }
    s.pushAll();
    List<String> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(String.valueOf(ByteLevel.charOf(b)));
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      index.put(tokens.get(i), i);
    }
    Set<String> reserved =
        new HashSet<>(concat(options.leadingSpecials(), options.trailingSpecials()));
    int target =
        options.vocabSize() - options.leadingSpecials().size() - options.trailingSpecials().size();
    List<Merge> merges = new ArrayList<>();
    while (tokens.size() < target) {
      long pair = s.popBest(options.minFrequency());
      if (pair == -1) {
        break;
      }
      String left = tokens.get(LongIntMap.left(pair));
      String right = tokens.get(LongIntMap.right(pair));
      String merged = left + right;
      if (reserved.contains(merged)) {
        continue; // never learn a token that spells a special token
      }
      Integer id = index.get(merged);
      if (id == null) {
        id = tokens.size();
        tokens.add(merged);
        index.put(merged, id);
      }
      merges.add(new Merge(left, right));
      s.apply(pair, id);
    }
    return assemble(tokens, merges);
  }

  private BpeTokenizer assemble(List<String> tokens, List<Merge> merges) {
    List<String> vocab = new ArrayList<>(options.leadingSpecials());
    vocab.addAll(tokens);
    vocab.addAll(options.trailingSpecials());
    List<AddedToken> added = new ArrayList<>();
    for (int i = 0; i < options.leadingSpecials().size(); i++) {
      added.add(new AddedToken(i, options.leadingSpecials().get(i), true));
    }
    int base = options.leadingSpecials().size() + tokens.size();
    for (int i = 0; i < options.trailingSpecials().size(); i++) {
      added.add(new AddedToken(base + i, options.trailingSpecials().get(i), true));
    }
    return BpeTokenizer.create(vocab, merges, added, BpeTokenizer.Options.GPT2);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * Words as symbol arrays, pair counts, which words hold each pair, and a max-heap of (count,
   * pair).
   */
  private static final class State {
    private record Entry(int count, long pair) {}

    final int[][] symbols;
    final int[] freq;
    final LongIntMap pairCounts = new LongIntMap(1 << 16);
    final Map<Long, IntList> where = new HashMap<>();
    final PriorityQueue<Entry> heap =
        new PriorityQueue<>(
            Comparator.comparingInt((Entry e) -> -e.count).thenComparingLong(Entry::pair));

    /**
     * Pairs whose count changed in the current merge, each once ({@code touchedIn} holds the
     * epoch).
     */
    final List<Long> touched = new ArrayList<>();

    final LongIntMap touchedIn = new LongIntMap(1 << 16);
    final int[] stamp;
    int epoch;

    State(int words) {
      symbols = new int[words][];
      freq = new int[words];
      stamp = new int[words];
    }

    /** Adds ({@code sign} +1) or removes (-1) the pairs of word {@code w} from the counts. */
    void addPairs(int w, int sign) {
      int[] syms = symbols[w];
      for (int i = 0; i + 1 < syms.length; i++) {
        long p = LongIntMap.pair(syms[i], syms[i + 1]);
        pairCounts.add(p, sign * freq[w]);
        if (sign > 0) {
          where.computeIfAbsent(p, k -> new IntList(4)).add(w);
        }
        if (touchedIn.get(p, -1) != epoch) {
          touchedIn.put(p, epoch);
          touched.add(p);
        }
      }
    }

    void pushAll() {
      for (Long p : where.keySet()) {
        heap.add(new Entry(pairCounts.get(p, 0), p));
      }
      touched.clear();
    }

    /** The most frequent pair with a count of at least {@code min}, or -1. */
    long popBest(int min) {
      while (!heap.isEmpty()) {
        Entry e = heap.poll();
        if (e.count == pairCounts.get(e.pair, 0)) {
          return e.count >= min ? e.pair : -1;
        }
      }
      return -1;
    }

    /**
     * Replaces every occurrence of {@code pair} (left to right) by token {@code id} and updates the
     * counts.
     */
    void apply(long pair, int id) {
      int a = LongIntMap.left(pair);
      int b = LongIntMap.right(pair);
      IntList holders = where.remove(pair);
      epoch++;
      for (int k = 0; k < holders.size(); k++) {
        int w = holders.get(k);
        if (stamp[w] == epoch) {
          continue;
        }
        stamp[w] = epoch;
        int[] syms = symbols[w];
        int[] out = new int[syms.length];
        int n = 0;
        for (int i = 0; i < syms.length; i++) {
          if (i + 1 < syms.length && syms[i] == a && syms[i + 1] == b) {
            out[n++] = id;
            i++;
          } else {
            out[n++] = syms[i];
          }
        }
        if (n == syms.length) {
          continue; // stale holder: the pair left this word in an earlier merge
        }
        addPairs(w, -1);
        symbols[w] = Arrays.copyOf(out, n);
        addPairs(w, +1);
      }
      for (Long p : touched) {
        int c = pairCounts.get(p, 0);
        if (c > 0) {
          heap.add(new Entry(c, p));
        }
      }
      touched.clear();
    }
  }
}
