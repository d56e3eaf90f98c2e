package dev.openledger.datanet.ingest;

import dev.openledger.datanet.validate.ValidationParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns paragraphs into rows of a sensible size. A paragraph shorter than {@code minChars} is
 * joined to the following one (so a heading travels with its body; a short last paragraph joins the
 * one before). A paragraph longer than {@code maxChars} is cut after the last sentence end ({@code
 * . ! ?} followed by a space) that keeps the piece within the limit, or at the last space if there
 * is none.
 */
public final class RowSplitter {
  private final ValidationParams.RowShape shape;

  public RowSplitter(ValidationParams.RowShape shape) {
    this.shape = shape;
  }

  public List<String> rows(Extraction extraction) {
    if (!extraction.splittable()) {
      return extraction.paragraphs();
    }
    List<String> merged = mergeShort(extraction.paragraphs());
    List<String> out = new ArrayList<>(merged.size());
    for (String p : merged) {
      cutLong(p, out);
    }
    return out;
  }

  private List<String> mergeShort(List<String> paragraphs) {
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String p : paragraphs) {
      if (pending.length() > 0) {
        pending.append(' ');
      }
      pending.append(p);
      if (pending.length() >= shape.minChars()) {
        out.add(pending.toString());
        pending.setLength(0);
      }
    }
    if (pending.length() > 0) {
      if (out.isEmpty()) {
        out.add(pending.toString());
      } else {
        out.set(out.size() - 1, out.get(out.size() - 1) + ' ' + pending);
      }
    }
    return out;
  }

  private void cutLong(String p, List<String> out) {
    int max = shape.maxChars();
    String rest = p;
    while (rest.length() > max) {
      int cut = lastSentenceEnd(rest, max);
      if (cut <= 0) {
        cut = rest.lastIndexOf(' ', max);
      }
      if (cut <= 0) {
        cut = max;
      }
      out.add(rest.substring(0, cut).trim());
      rest = rest.substring(cut).trim();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
  }

  /**
   * The index just after the last ". ", "! " or "? " ending at or before {@code limit}; -1 if none.
   */
  private static int lastSentenceEnd(String s, int limit) {
    for (int i = Math.min(limit, s.length() - 1); i > 0; i--) {
      char c = s.charAt(i - 1);
      if (s.charAt(i) == ' ' && (c == '.' || c == '!' || c == '?')) {
        return i;
      }
    }
    return -1;
  }
}
