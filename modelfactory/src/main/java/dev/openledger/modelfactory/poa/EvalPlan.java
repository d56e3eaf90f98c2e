package dev.openledger.modelfactory.poa;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.modelfactory.bench.BenchDatanets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Who contributes what: for genre g, contributor c submits the paragraphs of documents {@code c·D …
 * c·D+D−1} of the genre; the queries come from the next two documents (nobody submits them); junk
 * and off-genre sources from the two after those.
 */
final class EvalPlan {
  /** One honest contributor. */
  record Contributor(String label, Address address, char genre, List<String> paragraphs) {
    Contributor {
      paragraphs = List.copyOf(paragraphs);
    }
  }

  final List<Character> genres;
  final List<Contributor> contributors = new ArrayList<>();
  final List<List<String>> queryParagraphs = new ArrayList<>();
  final List<List<String>> spareParagraphs = new ArrayList<>();

  EvalPlan(BrownCorpus brown, EvalConfig cfg) throws IOException {
    this.genres = cfg.genres();
    int c = cfg.contributorsPerGenre();
    int d = cfg.docsPerContributor();
    for (char g : genres) {
      List<BrownCorpus.Document> docs = brown.genre(g);
      if (docs.size() < c * d + 4) {
        throw new IllegalArgumentException(
            "genre " + g + " has " + docs.size() + " documents; the eval needs " + (c * d + 4));
      }
      for (int i = 0; i < c; i++) {
        String label = g + String.valueOf(i);
        contributors.add(
            new Contributor(
                label,
                address(label),
                g,
                BenchDatanets.paragraphs(docs.subList(i * d, (i + 1) * d))));
      }
      queryParagraphs.add(BenchDatanets.paragraphs(docs.subList(c * d, c * d + 2)));
      spareParagraphs.add(BenchDatanets.paragraphs(docs.subList(c * d + 2, c * d + 4)));
    }
  }

  static Address address(String label) {
    return KeyPair.insecureFromLabel("eval-" + label).address();
  }

  static String datanetName(char genre) {
    return "genre-" + genre;
  }

  List<Contributor> ofGenre(char g) {
    return contributors.stream().filter(x -> x.genre() == g).toList();
  }

  Contributor contributor(String label) {
    return contributors.stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow();
  }

  /**
   * Every word of the genre's contributed paragraphs (lower-case, letters only), in first-seen
   * order.
   */
  List<String> vocabulary(char g) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Contributor c : ofGenre(g)) {
      for (String p : c.paragraphs()) {
        for (String w : p.split("\\s+")) {
          String x = w.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
          if (x.length() >= 2 && seen.add(x)) {
            out.add(x);
          }
        }
      }
    }
    return out;
  }

  /**
   * A sentence-like run of {@code words} words drawn uniformly from {@code vocabulary}:
   * fluent-looking junk.
   */
  static String wordSalad(List<String> vocabulary, int words, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = vocabulary.get(rnd.nextInt(vocabulary.size()));
      if (i == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      sb.append(i == 0 ? "" : (i % 11 == 10 ? ", " : " ")).append(w);
    }
    return sb.append('.').toString();
  }

  /** A paragraph with its words in a random order (same words, no sentence). */
  static String scrambled(String paragraph, SplittableRandom rnd) {
    String[] w = paragraph.split("\\s+");
    for (int i = w.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      String t = w[i];
      w[i] = w[j];
      w[j] = t;
    }
    return String.join(" ", w);
  }

  /**
   * A paragraph with one word, near the middle, replaced by a word of {@code vocabulary}: a small
   * edit.
   */
  static String edited(String paragraph, List<String> vocabulary, SplittableRandom rnd) {
    String[] w = paragraph.split("\\s+");
    int at = w.length / 2;
    String replacement = vocabulary.get(rnd.nextInt(vocabulary.size()));
    if (replacement.equalsIgnoreCase(w[at])) {
      replacement = replacement + "s";
    }
    w[at] = replacement;
    return String.join(" ", w);
  }
}
