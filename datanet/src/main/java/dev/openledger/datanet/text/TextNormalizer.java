package dev.openledger.datanet.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two normal forms of a row.
 *
 * <ul>
 *   <li>{@link #clean}: NFKC, every run of whitespace (newlines included) becomes one space,
 *       trimmed. This is the text that is stored, hashed into the Merkle leaf and exported for
 *       training.
 *   <li>{@link #dedupKey}: {@code clean}, then lower-cased (Unicode, locale-independent), every
 *       punctuation character (Unicode categories P*) turned into a word break, whitespace
 *       collapsed again. Two rows with the same key are exact duplicates.
 * </ul>
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  /** NFKC with whitespace collapsed to single spaces and trimmed. */
  public static String clean(String text) {
    String nfkc =
        Normalizer.isNormalized(text, Normalizer.Form.NFKC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFKC);
    return collapse(nfkc, false);
  }

  /**
   * The duplicate-detection key: {@link #clean}, case-folded, punctuation removed, whitespace
   * collapsed.
   */
  public static String dedupKey(String text) {
    String nfkc =
        Normalizer.isNormalized(text, Normalizer.Form.NFKC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFKC);
    return collapse(nfkc.toLowerCase(Locale.ROOT), true);
  }

  /** The words of a dedup key (split on single spaces); empty for an empty key. */
  public static List<String> words(String dedupKey) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = dedupKey.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || dedupKey.charAt(i) == ' ') {
        if (i > start) {
          out.add(dedupKey.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static String collapse(String s, boolean dropPunctuation) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      // Punctuation separates words like a space does, so "end.Start" and "end. Start" share a key.
      if (Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || (dropPunctuation && isPunctuation(cp))) {
        pendingSpace = sb.length() > 0;
        continue;
      }
      if (Character.isISOControl(cp)) {
        continue;
      }
      if (pendingSpace) {
        sb.append(' ');
        pendingSpace = false;
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private static boolean isPunctuation(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}
