package dev.openledger.datanet.validate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Junk and spam detection from character and word statistics, cheapest first:
 *
 * <ol>
 *   <li><b>link density</b>: URL and e-mail tokens plus promotional phrases per word ({@code
 *       LINK_SPAM});
 *   <li><b>alphabetic ratio</b>: letters among non-space characters ({@code LOW_ALPHA});
 *   <li><b>repetition</b>: Shannon entropy of the word distribution divided by its maximum {@code
 *       log2(n)}, and the fraction of word trigrams that repeat an earlier trigram ({@code
 *       REPETITIVE});
 *   <li><b>gibberish</b>: the vowel share of Latin letters (English prose ≈ 0.38, random letters ≈
 *       0.19), and, once the datanet's vocabulary is large enough, the share of words seen before
 *       in the datanet ({@code GIBBERISH}).
 * </ol>
 *
 * A row that passes is graded by the product of its alphabetic ratio (relative to 0.8), entropy
 * ratio and dictionary coverage (relative to 0.7), each capped at 1.
 */
public final class SpamStage {
  private static final List<String> PROMO =
      List.of(
          "click here",
          "buy now",
          "subscribe",
          "free money",
          "limited offer",
          "act now",
          "lorem ipsum",
          "100% free",
          "casino",
          "viagra");

  private final ValidationParams.Spam p;
  private final CorpusStats vocabulary;

  /**
   * @param vocabulary the datanet's words so far, for the dictionary test (read only)
   */
  public SpamStage(ValidationParams.Spam params, CorpusStats vocabulary) {
    this.p = params;
    this.vocabulary = vocabulary;
  }

  /**
   * @param cleanText the cleaned row
   * @param words the row's normalised words
   */
  public StageResult check(String cleanText, List<String> words) {
    int n = Math.max(1, words.size());
    double links = linkTokens(cleanText) + promoHits(cleanText);
    if (links / n > p.maxLinkDensity()) {
      return StageResult.reject(
          Reason.LINK_SPAM,
          fmt("%.0f links or promotional phrases in %d words", links, words.size()));
    }
    double alpha = alphaRatio(cleanText);
    if (alpha < p.minAlphaRatio()) {
      return StageResult.reject(
          Reason.LOW_ALPHA,
          fmt(
              "only %.0f%% of the characters are letters (minimum %.0f%%)",
              100 * alpha, 100 * p.minAlphaRatio()));
    }
    boolean enoughWords = words.size() >= p.minWordsForStats();
    double entropy = enoughWords ? entropyRatio(words) : 1.0;
    if (entropy < p.minEntropyRatio()) {
      return StageResult.reject(
          Reason.REPETITIVE,
          fmt(
              "word entropy is %.2f of its maximum (minimum %.2f): the same words repeat",
              entropy, p.minEntropyRatio()));
    }
    double repeated = enoughWords ? repeatedTrigramFraction(words) : 0.0;
    if (repeated > p.maxRepeatedTrigrams()) {
      return StageResult.reject(
          Reason.REPETITIVE,
          fmt("%.0f%% of the three-word phrases repeat within the row", 100 * repeated));
    }
    double vowels = vowelRatio(cleanText);
    if (!Double.isNaN(vowels) && (vowels < p.minVowelRatio() || vowels > p.maxVowelRatio())) {
      return StageResult.reject(
          Reason.GIBBERISH,
          fmt("vowels are %.0f%% of the letters; words in prose give about 38%%", 100 * vowels));
    }
    double coverage = 1.0;
    if (enoughWords && vocabulary.vocabularySize() >= p.dictionaryWarmupWords()) {
      coverage = dictionaryCoverage(words);
      if (coverage < p.minDictionaryCoverage()) {
        return StageResult.reject(
            Reason.GIBBERISH,
            fmt(
                "only %.0f%% of the words occur anywhere in this datanet (minimum %.0f%%)",
                100 * coverage, 100 * p.minDictionaryCoverage()));
      }
    }
    double score = Math.min(1, alpha / 0.8) * Math.min(1, entropy) * Math.min(1, coverage / 0.7);
    return StageResult.pass(score);
  }

  static double alphaRatio(String s) {
    int letters = 0;
    int visible = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        continue;
      }
      visible++;
      if (Character.isLetter(cp)) {
        letters++;
      }
    }
    return visible == 0 ? 0 : letters / (double) visible;
  }

  /**
   * Shannon entropy of the word distribution over log2(number of words): 1 when no word repeats.
   */
  static double entropyRatio(List<String> words) {
    Map<String, Integer> counts = new HashMap<>();
    for (String w : words) {
      counts.merge(w, 1, Integer::sum);
    }
    int n = words.size();
    double h = 0;
    for (int c : counts.values()) {
      double q = c / (double) n;
      h -= q * Math.log(q);
    }
    return n <= 1 ? 1 : h / Math.log(n);
  }

  static double repeatedTrigramFraction(List<String> words) {
    int total = words.size() - 2;
    if (total <= 0) {
      return 0;
    }
    Set<String> seen = new HashSet<>();
    int repeats = 0;
    for (int i = 0; i < total; i++) {
      if (!seen.add(words.get(i) + ' ' + words.get(i + 1) + ' ' + words.get(i + 2))) {
        repeats++;
      }
    }
    return repeats / (double) total;
  }

  /** Vowels (a, e, i, o, u) among ASCII letters; NaN when the row has fewer than 20 of them. */
  static double vowelRatio(String s) {
    int letters = 0;
    int vowels = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (c >= 'a' && c <= 'z') {
        letters++;
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
          vowels++;
        }
      }
    }
    return letters < 20 ? Double.NaN : vowels / (double) letters;
  }

  private double dictionaryCoverage(List<String> words) {
    int known = 0;
    for (String w : words) {
      if (vocabulary.contains(w)) {
        known++;
      }
    }
    return known / (double) words.size();
  }

  static int linkTokens(String s) {
    int n = 0;
    for (String tok : s.split(" ")) {
      String t = tok.toLowerCase(Locale.ROOT);
      if (t.startsWith("http://")
          || t.startsWith("https://")
          || t.startsWith("www.")
          || (t.indexOf('@') > 0 && t.indexOf('.', t.indexOf('@')) > 0)) {
        n++;
      }
    }
    return n;
  }

  static int promoHits(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int n = 0;
    for (String phrase : PROMO) {
      for (int i = lower.indexOf(phrase); i >= 0; i = lower.indexOf(phrase, i + phrase.length())) {
        n++;
      }
    }
    return n;
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
