package dev.openledger.openlora.service;

import java.util.List;

/**
 * Cuts generated text at the first stop string. Text is released as soon as it cannot be the start
 * of a stop string, so a stream never shows a stop string or any text after one, and holds back at
 * most the longest stop string minus one character. Not thread-safe.
 */
final class StopText {
  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private boolean matched;

  StopText(List<String> stops) {
    this.stops = List.copyOf(stops);
  }

  /**
   * Adds generated text; returns what may be emitted now. Once a stop string matched, returns "".
   */
  String push(String text) {
    if (matched) {
      return "";
    }
    pending.append(text);
    int cut = -1;
    for (String s : stops) {
      int i = pending.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
      }
    }
    if (cut >= 0) {
      matched = true;
      String out = pending.substring(0, cut);
      pending.setLength(0);
      return out;
    }
    int hold = heldBack();
    String out = pending.substring(0, pending.length() - hold);
    pending.delete(0, pending.length() - hold);
    return out;
  }

  /** The longest suffix of the pending text that is a proper prefix of some stop string. */
  private int heldBack() {
    int best = 0;
    String text = pending.toString();
    for (String s : stops) {
      for (int k = Math.min(s.length() - 1, pending.length()); k > best; k--) {
        if (text.regionMatches(text.length() - k, s, 0, k)) {
          best = k;
          break;
        }
      }
    }
    return best;
  }

  boolean matched() {
    return matched;
  }

  /** The end of generation: whatever was held back, unless a stop string matched. */
  String finish() {
    String out = matched ? "" : pending.toString();
    pending.setLength(0);
    return out;
  }
}
