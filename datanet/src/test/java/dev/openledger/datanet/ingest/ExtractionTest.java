package dev.openledger.datanet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.datanet.TestDocs;
import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.Rejection;
import dev.openledger.datanet.validate.ValidationParams;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtractionTest {

  private static List<String> paragraphs(String name, byte[] bytes) {
    Checked<FileType> type = TypeDetector.detect(name, bytes);
    assertThat(type).isInstanceOf(Checked.Ok.class);
    Checked<Extraction> ex =
        Extractor.forType(((Checked.Ok<FileType>) type).value()).extract(bytes);
    assertThat(ex).as("extraction of %s", name).isInstanceOf(Checked.Ok.class);
    return ((Checked.Ok<Extraction>) ex).value().paragraphs();
  }

  private static Rejection rejection(String name, byte[] bytes) {
    Checked<FileType> type = TypeDetector.detect(name, bytes);
    if (type instanceof Checked.Rejected<FileType> r) {
      return r.rejection();
    }
    Checked<Extraction> ex =
        Extractor.forType(((Checked.Ok<FileType>) type).value()).extract(bytes);
    assertThat(ex).as("%s should be rejected", name).isInstanceOf(Checked.Rejected.class);
    return ((Checked.Rejected<Extraction>) ex).rejection();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void realPdfGeneratedWithPdfboxIsSplitIntoParagraphs() throws Exception {
    byte[] pdf =
        TestDocs.pdf(
            List.of(
                List.of(
                    "The committee met on Tuesday to discuss the budget",
                    "for the coming fiscal year and its priorities."),
                List.of(
                    "Members agreed that the library and the parks",
                    "should receive more money than last year.")));
    List<String> paras = paragraphs("minutes.pdf", pdf);
    assertThat(paras)
        .containsExactly(
            "The committee met on Tuesday to discuss the budget for the coming fiscal year and its priorities.",
            "Members agreed that the library and the parks should receive more money than last year.");
  }

  @Test
  void realDocxGeneratedWithPoiGivesOneParagraphPerWordParagraph() throws Exception {
    byte[] docx =
        TestDocs.docx(
            List.of("First paragraph of the report.", "", "Second   paragraph,\twith spacing."));
    assertThat(paragraphs("report.docx", docx))
        .containsExactly("First paragraph of the report.", "Second paragraph, with spacing.");
  }

  @Test
  void textAndMarkdownSplitAtBlankLines() {
    assertThat(paragraphs("a.txt", utf8("line one\nline two\n\n\nthird\r\n")))
        .containsExactly("line one line two", "third");
    assertThat(
            paragraphs(
                "a.md",
                utf8("# Title\n\nSome *text* here.\n\n- item one\n- item two\n\n```\ncode\n```\n")))
        .containsExactly("Title", "Some *text* here.", "item one item two", "code");
  }

  @Test
  void jsonlTakesTextOrPromptAndCompletion() {
    byte[] jsonl =
        utf8(
            "{\"text\":\"  a  record \"}\n\n{\"prompt\":\"Q?\",\"completion\":\"A.\",\"meta\":1}\n");
    assertThat(paragraphs("d.jsonl", jsonl)).containsExactly("a record", "Q?\nA.");
  }

  @Test
  void malformedJsonlNamesTheLine() {
    Rejection r = rejection("d.jsonl", utf8("{\"text\":\"ok\"}\n{\"text\": oops}\n"));
    assertThat(r.reason()).isEqualTo(Reason.MALFORMED_JSONL);
    assertThat(r.message()).startsWith("line 2:");
    assertThat(rejection("d.jsonl", utf8("{\"text\":\"ok\"}\n\n[1,2]\n")).message())
        .startsWith("line 3: expected a JSON object");
    assertThat(rejection("d.jsonl", utf8("{\"title\":\"no text\"}\n")).message())
        .contains("\"text\"");
    assertThat(rejection("d.jsonl", utf8("{\"text\":42}\n")).message())
        .contains("must be a string");
  }

  @Test
  void aPdfThatIsNotAPdfIsATypeMismatch() {
    Rejection r = rejection("paper.pdf", utf8("just some text pretending to be a PDF"));
    assertThat(r.reason()).isEqualTo(Reason.TYPE_MISMATCH);
    assertThat(r.message()).contains("paper.pdf");
  }

  @Test
  void aDamagedPdfIsUnreadable() {
    byte[] bad = utf8("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n");
    assertThat(rejection("x.pdf", bad).reason()).isEqualTo(Reason.UNREADABLE_DOCUMENT);
  }

  @Test
  void aZipThatIsNotWordIsUnreadableAndAPdfNamedTxtIsAMismatch() throws Exception {
    byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(rejection("x.docx", zip).reason()).isEqualTo(Reason.UNREADABLE_DOCUMENT);
    assertThat(rejection("x.docx", utf8("plain text")).reason()).isEqualTo(Reason.TYPE_MISMATCH);
    byte[] pdf = TestDocs.pdf(List.of(List.of("hello")));
    Rejection r = rejection("notes.txt", pdf);
    assertThat(r.reason()).isEqualTo(Reason.TYPE_MISMATCH);
    assertThat(r.message()).contains("PDF document");
  }

  @Test
  void binaryJunkAndWrongEncodingsAreRejectedWithReasons() {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    junk[10] = 0;
    assertThat(rejection("junk.txt", junk).reason()).isEqualTo(Reason.BINARY_CONTENT);
    byte[] controls = new byte[200];
    Arrays.fill(controls, (byte) 'a');
    for (int i = 0; i < 10; i++) {
      controls[i * 20] = 0x01;
    }
    assertThat(rejection("c.txt", controls).reason()).isEqualTo(Reason.BINARY_CONTENT);
    byte[] latin1 = "caf\u00e9 au lait\nsecond line".getBytes(StandardCharsets.ISO_8859_1);
    Rejection r = rejection("latin1.txt", latin1);
    assertThat(r.reason()).isEqualTo(Reason.INVALID_UTF8);
    assertThat(r.message()).contains("offset 3").contains("line 1");
    byte[] utf16 = "hello".getBytes(StandardCharsets.UTF_16);
    assertThat(rejection("u.md", utf16).reason()).isEqualTo(Reason.INVALID_UTF8);
    assertThat(rejection("x.exe", utf8("hi")).reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
  }

  @Test
  void rowSplitterJoinsShortParagraphsAndCutsLongOnes() {
    RowSplitter s = new RowSplitter(new ValidationParams.RowShape(20, 2, 60));
    Extraction ex =
        new Extraction(
            FileType.TXT,
            List.of(
                "Heading",
                "A body paragraph that is long enough.",
                "One. Two sentences here that run on. And a third sentence to cut.",
                "tail"),
            true);
    assertThat(s.rows(ex))
        .containsExactly(
            "Heading A body paragraph that is long enough.",
            "One. Two sentences here that run on.",
            "And a third sentence to cut. tail");
  }
}
