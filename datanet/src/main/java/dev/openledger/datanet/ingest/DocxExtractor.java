package dev.openledger.datanet.ingest;

import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * .docx through Apache POI (XWPF): one paragraph per Word paragraph, one per table row (cells
 * joined by " | "), in body order. POI's zip-bomb guard (minimum inflate ratio) applies.
 */
final class DocxExtractor implements Extractor {
  private static final Logger LOG = LoggerFactory.getLogger(DocxExtractor.class);

  @Override
  public Checked<Extraction> extract(byte[] bytes) {
    List<String> paragraphs = new ArrayList<>();
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      for (IBodyElement el : doc.getBodyElements()) {
        if (el instanceof XWPFParagraph p) {
          add(paragraphs, p.getText());
        } else if (el instanceof XWPFTable t) {
          for (XWPFTableRow row : t.getRows()) {
            List<String> cells = new ArrayList<>();
            row.getTableCells().forEach(c -> cells.add(c.getText()));
            add(paragraphs, String.join(" | ", cells));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // POI signals a damaged or non-Word archive with IOException or one of several unchecked
      // exceptions (NotOfficeXmlFileException, POIXMLException, ...). All of them mean bad input
      // here.
      LOG.debug("DOCX rejected", e);
      return Checked.rejected(
          Reason.UNREADABLE_DOCUMENT, "the .docx could not be read: " + e.getMessage());
    }
    if (paragraphs.isEmpty()) {
      return Checked.rejected(Reason.NO_TEXT, "the document contains no text");
    }
    return Checked.ok(new Extraction(FileType.DOCX, paragraphs, true));
  }

  private static void add(List<String> out, String raw) {
    String p = TextNormalizer.clean(raw);
    if (!p.isEmpty()) {
      out.add(p);
    }
  }
}
