package dev.openledger.datanet.ingest;

import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.EncodingStage;
import dev.openledger.datanet.validate.Reason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * .txt and .md: strict UTF-8, paragraphs at blank lines. For Markdown, block syntax that is not
 * prose is removed first: code-fence lines, heading marks ({@code #}), block-quote marks ({@code
 * >}), list bullets ({@code -}, {@code *}, {@code +}, {@code 1.}) and horizontal rules. Inline text
 * is kept as written.
 */
final class PlainTextExtractor implements Extractor {
  private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*(```|~~~).*$");
  private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*([-*_][ \\t]*){3,}$");
  private static final Pattern HEADING = Pattern.compile("(?m)^[ ]{0,3}#{1,6}[ \\t]+");
  private static final Pattern QUOTE = Pattern.compile("(?m)^[ ]{0,3}>[ \\t]?");
  private static final Pattern BULLET = Pattern.compile("(?m)^[ \\t]*([-*+]|\\d{1,9}[.)])[ \\t]+");

  private final boolean markdown;

  PlainTextExtractor(boolean markdown) {
    this.markdown = markdown;
  }

  @Override
  public Checked<Extraction> extract(byte[] bytes) {
    return new EncodingStage()
        .decode(bytes)
        .flatMap(
            text -> {
              String body = markdown ? stripMarkdown(text) : text;
              List<String> paragraphs = Paragraphs.split(body);
              if (paragraphs.isEmpty()) {
                return Checked.rejected(Reason.NO_TEXT, "the file contains no text");
              }
              return Checked.ok(
                  new Extraction(markdown ? FileType.MD : FileType.TXT, paragraphs, true));
            });
  }

  static String stripMarkdown(String text) {
    String s = FENCE.matcher(text).replaceAll("");
    s = RULE.matcher(s).replaceAll("");
    s = HEADING.matcher(s).replaceAll("");
    s = QUOTE.matcher(s).replaceAll("");
    return BULLET.matcher(s).replaceAll("");
  }
}
