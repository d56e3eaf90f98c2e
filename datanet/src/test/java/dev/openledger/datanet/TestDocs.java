package dev.openledger.datanet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real PDF and DOCX files, written with PDFBox and POI, for ingestion tests. */
public final class TestDocs {
  private TestDocs() {}

  /** A one-page PDF: each paragraph's lines, with an empty line's gap between paragraphs. */
  public static byte[] pdf(List<List<String>> paragraphs) throws IOException {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
        cs.beginText();
        cs.setLeading(14);
        cs.newLineAtOffset(60, 720);
        for (List<String> para : paragraphs) {
          for (String line : para) {
            cs.showText(line);
            cs.newLine();
          }
          cs.newLine();
        }
        cs.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A .docx with one Word paragraph per string. */
  public static byte[] docx(List<String> paragraphs) throws IOException {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String p : paragraphs) {
        doc.createParagraph().createRun().setText(p);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }
}
