package dev.openledger.datanet.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.EncodingStage;
import dev.openledger.datanet.validate.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * .jsonl: one JSON object per line, one row per object. Blank lines are skipped. The row text is
 * the string field {@code text}; failing that, the string fields {@code prompt} and {@code
 * completion}, each cleaned, joined by a line feed. Any other line is malformed and rejects the
 * whole file, naming the line.
 */
final class JsonlExtractor implements Extractor {

  @Override
  public Checked<Extraction> extract(byte[] bytes) {
    return new EncodingStage().decode(bytes).flatMap(JsonlExtractor::records);
  }

  private static Checked<Extraction> records(String text) {
    String[] lines = text.split("\r\n|\n", -1);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      JsonNode node;
      try {
        node = Json.mapper().readTree(lines[i]);
      } catch (JsonProcessingException e) {
        return malformed(lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
      }
      if (node == null || !node.isObject()) {
        return malformed(lineNo, "expected a JSON object");
      }
      Checked<String> row = rowText(node, lineNo);
      if (row instanceof Checked.Rejected<String> r) {
        return new Checked.Rejected<>(r.rejection());
      }
      rows.add(((Checked.Ok<String>) row).value());
    }
    if (rows.isEmpty()) {
      return Checked.rejected(Reason.NO_TEXT, "the file contains no JSON records");
    }
    return Checked.ok(new Extraction(FileType.JSONL, rows, false));
  }

  private static Checked<String> rowText(JsonNode node, int lineNo) {
    JsonNode text = node.get("text");
    if (text != null) {
      if (!text.isTextual()) {
        return malformed(lineNo, "\"text\" must be a string");
      }
      return nonEmpty(TextNormalizer.clean(text.asText()), lineNo, "\"text\"");
    }
    JsonNode prompt = node.get("prompt");
    JsonNode completion = node.get("completion");
    if (prompt == null || completion == null) {
      return malformed(
          lineNo, "expected a \"text\" field, or \"prompt\" and \"completion\" fields");
    }
    if (!prompt.isTextual() || !completion.isTextual()) {
      return malformed(lineNo, "\"prompt\" and \"completion\" must be strings");
    }
    String p = TextNormalizer.clean(prompt.asText());
    String c = TextNormalizer.clean(completion.asText());
    if (p.isEmpty() || c.isEmpty()) {
      return malformed(lineNo, "\"prompt\" and \"completion\" must not be empty");
    }
    return Checked.ok(p + "\n" + c);
  }

  private static Checked<String> nonEmpty(String s, int lineNo, String field) {
    return s.isEmpty() ? malformed(lineNo, field + " is empty") : Checked.ok(s);
  }

  private static <T> Checked<T> malformed(int lineNo, String what) {
    return Checked.rejected(Reason.MALFORMED_JSONL, "line " + lineNo + ": " + what);
  }
}
