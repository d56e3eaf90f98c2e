package dev.openledger.ml.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization: the text is cut into contractions, letter runs, digit runs,
 * other-symbol runs and whitespace, each optionally led by one space, with OpenAI's regex {@code
 * 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. BPE merges never
 * cross a piece boundary.
 *
 * <p>{@code \s} is Unicode White_Space, as in Hugging Face {@code tokenizers}; JavaScript's {@code
 * \s} differs only on U+0085 (not space there) and U+FEFF (space there).
 */
public final class Gpt2PreTokenizer {
  static final Pattern PATTERN =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  private Gpt2PreTokenizer() {}

  /** The pieces of {@code text}, in order; their concatenation is {@code text}. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(text);
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        // The last alternative (\s+) and the symbol class cover every character, so nothing is
        // skipped.
        throw new IllegalStateException("pre-tokenizer skipped text at " + end);
      }
      out.add(m.group());
      end = m.end();
    }
    if (end != text.length()) {
      throw new IllegalStateException("pre-tokenizer stopped at " + end + " of " + text.length());
    }
    return out;
  }
}
