package dev.openledger.datanet.ingest;

import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.Reason;
import java.util.Optional;

/**
 * Decides a file's type from its name AND its first bytes: the extension picks the type, the magic
 * bytes must agree. A .pdf must start with {@code %PDF-} (within the first 1024 bytes, as readers
 * allow); a .docx must be a ZIP archive; a .txt/.md/.jsonl must not be any recognised binary
 * format.
 */
public final class TypeDetector {
  private static final byte[] PDF_HEADER = {'%', 'P', 'D', 'F', '-'};

  private TypeDetector() {}

  /** Recognised binary containers, by magic bytes. */
  enum Magic {
    PDF("a PDF document"),
    ZIP("a ZIP archive (e.g. .docx, .xlsx)"),
    OLE2("a legacy Office file (.doc, .xls)"),
    PNG("a PNG image"),
    JPEG("a JPEG image"),
    GIF("a GIF image"),
    GZIP("a gzip archive"),
    ELF("an executable");

    final String description;

    Magic(String description) {
      this.description = description;
    }
  }

  public static Checked<FileType> detect(String fileName, byte[] bytes) {
    Optional<FileType> byName = FileType.fromFileName(fileName);
    if (byName.isEmpty()) {
      return Checked.rejected(
          Reason.UNSUPPORTED_TYPE,
          "'" + fileName + "' is not a supported file type; send .txt, .md, .jsonl, .pdf or .docx");
    }
    FileType type = byName.get();
    Optional<Magic> magic = sniff(bytes);
    switch (type) {
      case PDF:
        // Readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, annex H).
        if (indexOf(bytes, PDF_HEADER, 1024) < 0) {
          return mismatch(fileName, "PDF", magic);
        }
        break;
      case DOCX:
        if (magic.orElse(null) != Magic.ZIP) {
          return mismatch(fileName, "Word .docx (ZIP)", magic);
        }
        break;
      default:
        if (magic.isPresent()) {
          return Checked.rejected(
              Reason.TYPE_MISMATCH,
              "'" + fileName + "' is named as text but its content is " + magic.get().description);
        }
    }
    return Checked.ok(type);
  }

  private static Checked<FileType> mismatch(
      String fileName, String expected, Optional<Magic> found) {
    String what =
        found
            .map(m -> "its content is " + m.description)
            .orElse("its content has no " + expected + " signature");
    return Checked.rejected(
        Reason.TYPE_MISMATCH, "'" + fileName + "' is named as a " + expected + " file but " + what);
  }

  static Optional<Magic> sniff(byte[] b) {
    if (indexOf(b, PDF_HEADER, PDF_HEADER.length) == 0) {
      return Optional.of(Magic.PDF);
    }
    if (starts(b, 'P', 'K', 3, 4)) {
      return Optional.of(Magic.ZIP);
    }
    if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) {
      return Optional.of(Magic.OLE2);
    }
    if (starts(b, 0x89, 'P', 'N', 'G')) {
      return Optional.of(Magic.PNG);
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(Magic.JPEG);
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return Optional.of(Magic.GIF);
    }
    if (starts(b, 0x1F, 0x8B)) {
      return Optional.of(Magic.GZIP);
    }
    if (starts(b, 0x7F, 'E', 'L', 'F')) {
      return Optional.of(Magic.ELF);
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, byte[] needle, int within) {
    int end = Math.min(b.length, within) - needle.length;
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
