package dev.openledger.ml.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in text, leftmost first and longest at a position (as Hugging Face's
 * added-vocabulary matcher does), so {@code <|im_start|>} inside user text is one token and never
 * merged into its neighbours.
 */
final class AddedTokenMatcher {
  /** A piece of the input: an added token ({@code id >= 0}) or ordinary text ({@code id == -1}). */
  record Segment(String text, int id) {}

  /** Candidates by first character, longest first. */
  private final Map<Character, List<AddedToken>> byFirst = new HashMap<>();

  AddedTokenMatcher(List<AddedToken> tokens) {
    for (AddedToken t : tokens) {
      byFirst.computeIfAbsent(t.content().charAt(0), c -> new ArrayList<>()).add(t);
    }
    byFirst
        .values()
        .forEach(l -> l.sort(Comparator.comparingInt((AddedToken t) -> -t.content().length())));
  }

  boolean isEmpty() {
    return byFirst.isEmpty();
  }

  List<Segment> split(String text) {
    List<Segment> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); ) {
      AddedToken hit = matchAt(text, i);
      if (hit == null) {
        i++;
        continue;
      }
      if (i > start) {
        out.add(new Segment(text.substring(start, i), -1));
      }
      out.add(new Segment(hit.content(), hit.id()));
      i += hit.content().length();
      start = i;
    }
    if (start < text.length()) {
      out.add(new Segment(text.substring(start), -1));
    }
    return out;
  }

  private AddedToken matchAt(String text, int i) {
    List<AddedToken> candidates = byFirst.get(text.charAt(i));
    if (candidates != null) {
      for (AddedToken t : candidates) {
        if (text.startsWith(t.content(), i)) {
          return t;
        }
      }
    }
    return null;
  }
}
