package dev.openledger.datanet.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Text extracted from one file.
 *
 * @param paragraphs cleaned paragraphs (or JSONL records), in file order, none empty
 * @param splittable whether rows may be merged and cut (paragraph formats) or are fixed records
 *     (JSONL)
 */
public record Extraction(FileType type, List<String> paragraphs, boolean splittable) {
  public Extraction {
    Objects.requireNonNull(type, "type");
    paragraphs = List.copyOf(paragraphs);
    for (String p : paragraphs) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("extracted paragraphs are never empty");
      }
    }
  }
}
