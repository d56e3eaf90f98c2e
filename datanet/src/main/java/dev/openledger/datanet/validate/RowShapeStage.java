package dev.openledger.datanet.validate;

import java.util.List;

/** Minimum and maximum row size, on the cleaned text and its words. */
public final class RowShapeStage {
  private final ValidationParams.RowShape shape;

  public RowShapeStage(ValidationParams.RowShape shape) {
    this.shape = shape;
  }

  public StageResult check(String cleanText, List<String> words) {
    if (cleanText.length() < shape.minChars() || words.size() < shape.minWords()) {
      return StageResult.reject(
          Reason.ROW_TOO_SHORT,
          "the row has "
              + cleanText.length()
              + " characters and "
              + words.size()
              + " words; a row needs at least "
              + shape.minChars()
              + " characters and "
              + shape.minWords()
              + " words");
    }
    if (cleanText.length() > shape.maxChars()) {
      return StageResult.reject(
          Reason.ROW_TOO_LONG,
          "the row has " + cleanText.length() + " characters; the limit is " + shape.maxChars());
    }
    return StageResult.PASS;
  }
}
