package dev.openledger.datanet.ingest;

import dev.openledger.datanet.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into paragraphs at blank lines; each paragraph is cleaned and empty ones are dropped.
 */
public final class Paragraphs {
  private Paragraphs() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (line.isBlank()) {
        flush(current, out);
      } else {
        current.append(line).append('\n');
      }
    }
    flush(current, out);
    return out;
  }

  private static void flush(StringBuilder current, List<String> out) {
    if (current.length() > 0) {
      String p = TextNormalizer.clean(current.toString());
      if (!p.isEmpty()) {
        out.add(p);
      }
      current.setLength(0);
    }
  }
}
