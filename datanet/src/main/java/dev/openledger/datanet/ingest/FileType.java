package dev.openledger.datanet.ingest;

import java.util.Locale;
import java.util.Optional;

/** The file formats a text datanet accepts. */
public enum FileType {
  TXT("txt", true),
  MD("md", true),
  JSONL("jsonl", true),
  PDF("pdf", false),
  DOCX("docx", false);

  private final String extension;
  private final boolean text;

  FileType(String extension, boolean text) {
    this.extension = extension;
    this.text = text;
  }

  public String extension() {
    return extension;
  }

  /** Whether the file itself is UTF-8 text (as opposed to a container we extract text from). */
  public boolean isText() {
    return text;
  }

  /** The type named by a file name's extension (case-insensitive), if it is one we accept. */
  public static Optional<FileType> fromFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (FileType t : values()) {
      if (t.extension.equals(ext)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
