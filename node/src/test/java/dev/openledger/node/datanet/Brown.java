package dev.openledger.node.datanet;

import dev.openledger.datanet.bench.BrownCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Brown corpus files as contribution bytes; fails (never skips) when the data has not been fetched.
 */
final class Brown {
  private static BrownCorpus corpus;

  private Brown() {}

  static synchronized BrownCorpus corpus() {
    if (corpus == null) {
      String root = System.getProperty("openledger.repo.root");
      if (root == null) {
        throw new IllegalStateException(
            "system property openledger.repo.root is not set (surefire sets it); run scripts/fetch-data first");
      }
      try {
        corpus = BrownCorpus.at(Path.of(root));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage() + " (run scripts/fetch-data)", e);
      }
    }
    return corpus;
  }

  /** One Brown text (e.g. {@code ca01}) as UTF-8 bytes of plain paragraphs. */
  static byte[] file(String name) {
    try {
      return corpus().text(name).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
