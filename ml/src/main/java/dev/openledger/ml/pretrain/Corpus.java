package dev.openledger.ml.pretrain;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.corpus.BrownCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Training text as an ordered list of documents. Each path is a Brown corpus directory (tags
 * stripped), a directory of {@code .txt} files, or one text file; documents keep the order of the
 * paths, then of file names. Every {@value #HOLDOUT_EVERY}th document is held out for validation.
 *
 * @param train documents to train on
 * @param heldOut validation documents
 * @param contentHash SHA-256 over every document's text, in order (the cache key's corpus part)
 */
public record Corpus(List<String> train, List<String> heldOut, Hash contentHash) {
  /** One document in this many is held out. */
  public static final int HOLDOUT_EVERY = 20;

  public Corpus {
    train = List.copyOf(train);
    heldOut = List.copyOf(heldOut);
  }

  /** Reads documents from {@code paths}. */
  public static Corpus read(List<Path> paths) throws IOException {
    List<String> docs = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString(), null, "corpus path does not exist");
      }
      if (Files.isDirectory(p)) {
        docs.addAll(readDirectory(p));
      } else {
        docs.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return split(docs);
  }

  /** Only the documents of one Brown genre letter ({@code a} news … {@code r} humor). */
  public static Corpus brownGenre(Path brownDir, char genre) throws IOException {
    List<String> docs = new ArrayList<>();
    for (BrownCorpus.Document d : BrownCorpus.open(brownDir).genre(genre)) {
      docs.add(BrownCorpus.text(d));
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("no Brown documents of genre " + genre);
    }
    return split(docs);
  }

  /**
   * Splits documents into train and held-out sets (every {@value #HOLDOUT_EVERY}th, starting at the
   * 10th).
   */
  public static Corpus split(List<String> docs) {
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("the corpus holds no documents");
    }
    List<String> train = new ArrayList<>();
    List<String> held = new ArrayList<>();
    MessageDigest md = Hash.newDigest();
    for (int i = 0; i < docs.size(); i++) {
      byte[] b = docs.get(i).getBytes(StandardCharsets.UTF_8);
      md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
      md.update((byte) ':');
      md.update(b);
      (i % HOLDOUT_EVERY == HOLDOUT_EVERY / 2 ? held : train).add(docs.get(i));
    }
    if (held.isEmpty()) { // small corpora: hold out the last document
      held.add(train.remove(train.size() - 1));
    }
    return new Corpus(train, held, Hash.of(md));
  }

  private static List<String> readDirectory(Path dir) throws IOException {
    boolean brown;
    try (Stream<Path> files = Files.list(dir)) {
      brown = files.anyMatch(f -> f.getFileName().toString().matches("c[a-r][0-9]{2}"));
    }
    List<String> docs = new ArrayList<>();
    if (brown) {
      for (BrownCorpus.Document d : BrownCorpus.open(dir).documents()) {
        docs.add(BrownCorpus.text(d));
      }
      return docs;
    }
    List<Path> txt;
    try (Stream<Path> files = Files.list(dir)) {
      txt = files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
    }
    if (txt.isEmpty()) {
      throw new NoSuchFileException(
          dir.toString(), null, "neither a Brown corpus nor a directory of .txt files");
    }
    for (Path f : txt) {
      docs.add(Files.readString(f, StandardCharsets.UTF_8));
    }
    return docs;
  }
}
