package dev.openledger.datanet.validate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Term statistics of one datanet's corpus (its description and its accepted rows): how many
 * documents contain each word (df) and how often it occurs in all (cf). Feeds the relevance profile
 * and the dictionary test of the spam stage. Mutated only by the single writer that accepts rows.
 */
public final class CorpusStats {
  private final Map<String, long[]> terms = new HashMap<>();
  private long documents;
  private long version;

  /** Adds one document's words; returns the distinct words whose counts changed. */
  public Set<String> add(List<String> words) {
    Set<String> distinct = new HashSet<>();
    for (String w : words) {
      long[] c = terms.computeIfAbsent(w, k -> new long[2]);
      if (distinct.add(w)) {
        c[0]++;
      }
      c[1]++;
    }
    documents++;
    version++;
    return distinct;
  }

  /** Restores persisted counts for one word (used when loading from storage). */
  public void restore(String word, long df, long cf) {
    terms.put(word, new long[] {df, cf});
    version++;
  }

  public void restoreDocuments(long n) {
    documents = n;
    version++;
  }

  /**
   * Increases with every change, so derived values (the relevance profile's norm) can be cached.
   */
  public long version() {
    return version;
  }

  public long documents() {
    return documents;
  }

  public long df(String word) {
    long[] c = terms.get(word);
    return c == null ? 0 : c[0];
  }

  public long cf(String word) {
    long[] c = terms.get(word);
    return c == null ? 0 : c[1];
  }

  public boolean contains(String word) {
    return terms.containsKey(word);
  }

  public int vocabularySize() {
    return terms.size();
  }

  /**
   * Visits every word with its {@code {df, cf}} counts (order unspecified; callers must not depend
   * on it).
   */
  public void forEach(BiConsumer<String, long[]> visitor) {
    terms.forEach((k, v) -> visitor.accept(k, v.clone()));
  }
}
