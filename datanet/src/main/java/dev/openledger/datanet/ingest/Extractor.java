package dev.openledger.datanet.ingest;

import dev.openledger.datanet.validate.Checked;

/** Extracts cleaned paragraphs from the bytes of one file type. */
public interface Extractor {
  Checked<Extraction> extract(byte[] bytes);

  /** The extractor for {@code type}. */
  static Extractor forType(FileType type) {
    return switch (type) {
      case TXT -> new PlainTextExtractor(false);
      case MD -> new PlainTextExtractor(true);
      case JSONL -> new JsonlExtractor();
      case PDF -> new PdfExtractor();
      case DOCX -> new DocxExtractor();
    };
  }
}
