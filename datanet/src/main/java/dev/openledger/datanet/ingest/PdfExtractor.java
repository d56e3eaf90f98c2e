package dev.openledger.datanet.ingest;

import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.Reason;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * .pdf through Apache PDFBox's text stripper, sorted by position; the stripper's paragraph
 * detection and page ends mark paragraph breaks. Encrypted PDFs and PDFs with no text layer (scans)
 * are rejected.
 */
final class PdfExtractor implements Extractor {
  private static final Logger LOG = LoggerFactory.getLogger(PdfExtractor.class);

  @Override
  public Checked<Extraction> extract(byte[] bytes) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      if (doc.isEncrypted()) {
        return Checked.rejected(
            Reason.UNREADABLE_DOCUMENT, "the PDF is encrypted; send an unencrypted copy");
      }
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      stripper.setLineSeparator("\n");
      stripper.setParagraphEnd("\n\n");
      stripper.setPageEnd("\n\n");
      List<String> paragraphs = Paragraphs.split(stripper.getText(doc));
      if (paragraphs.isEmpty()) {
        return Checked.rejected(
            Reason.NO_TEXT,
            "the PDF has no text layer (images only?); text datanets need extractable text");
      }
      return Checked.ok(new Extraction(FileType.PDF, paragraphs, true));
    } catch (IOException e) {
      // PDFBox reports damaged or invalid input as IOException; for us that is bad input, not a
      // failure.
      LOG.debug("PDF rejected", e);
      return Checked.rejected(
          Reason.UNREADABLE_DOCUMENT, "the PDF could not be read: " + e.getMessage());
    }
  }
}
