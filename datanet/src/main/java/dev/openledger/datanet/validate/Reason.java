package dev.openledger.datanet.validate;

/**
 * Why a file or a row was rejected. {@link #code()} is stable and machine-readable; it is what the
 * API, the CLI and the chain's review messages carry.
 */
public enum Reason {
  // --- whole-file reasons ---
  /** The datanet is not known to this node. */
  UNKNOWN_DATANET("unknown_datanet", Scope.FILE),
  /** The file is empty. */
  EMPTY_FILE("empty_file", Scope.FILE),
  /** The file exceeds the per-file size limit. */
  FILE_TOO_LARGE("file_too_large", Scope.FILE),
  /** The submitter's bytes today plus this file exceed the per-user daily byte limit. */
  USER_DAILY_BYTES("user_daily_bytes", Scope.FILE),
  /** The submitter has already sent the per-user daily number of files. */
  USER_DAILY_FILES("user_daily_files", Scope.FILE),
  /** The datanet's bytes today plus this file exceed the per-datanet daily byte limit. */
  DATANET_DAILY_BYTES("datanet_daily_bytes", Scope.FILE),
  /** The file name's extension is not one of .txt, .md, .jsonl, .pdf, .docx. */
  UNSUPPORTED_TYPE("unsupported_type", Scope.FILE),
  /**
   * The content does not match the extension (a .pdf that is not a PDF, a .txt that is a ZIP
   * archive).
   */
  TYPE_MISMATCH("type_mismatch", Scope.FILE),
  /** The bytes of a text file look binary (NUL bytes, many control characters). */
  BINARY_CONTENT("binary_content", Scope.FILE),
  /** A text file is not valid UTF-8 (or is UTF-16/32). */
  INVALID_UTF8("invalid_utf8", Scope.FILE),
  /** A .jsonl line is not a JSON object with a usable text field. */
  MALFORMED_JSONL("malformed_jsonl", Scope.FILE),
  /** A PDF or DOCX could not be parsed, is encrypted, or is damaged. */
  UNREADABLE_DOCUMENT("unreadable_document", Scope.FILE),
  /** No text could be extracted (e.g. a scanned PDF with images only). */
  NO_TEXT("no_text", Scope.FILE),
  /** More rows than the per-file row limit. */
  TOO_MANY_ROWS("too_many_rows", Scope.FILE),
  /**
   * The same file was already submitted to this datanet by the same account (ids would collide on
   * chain).
   */
  ALREADY_SUBMITTED("already_submitted", Scope.FILE),
  /** Every row was rejected, so nothing is left to contribute. */
  NO_ACCEPTED_ROWS("no_accepted_rows", Scope.FILE),
  // --- per-row reasons ---
  /** Fewer characters or words than the minimum row size. */
  ROW_TOO_SHORT("row_too_short", Scope.ROW),
  /** More characters than the maximum row size. */
  ROW_TOO_LONG("row_too_long", Scope.ROW),
  /**
   * The normalised text equals a row already claimed in this datanet (or earlier in the same file).
   */
  DUPLICATE("duplicate", Scope.ROW),
  /** The row's word shingles overlap an existing row's at or above the Jaccard threshold. */
  NEAR_DUPLICATE("near_duplicate", Scope.ROW),
  /** Too few letters among the characters (numbers, symbols, markup). */
  LOW_ALPHA("low_alpha", Scope.ROW),
  /** The same words repeated over and over. */
  REPETITIVE("repetitive", Scope.ROW),
  /** Letter sequences that are not words (random keyboard text, encodings). */
  GIBBERISH("gibberish", Scope.ROW),
  /** Mostly links, e-mail addresses or promotional boilerplate. */
  LINK_SPAM("link_spam", Scope.ROW),
  /** The row shares too little vocabulary with the datanet's purpose and accepted data. */
  IRRELEVANT("irrelevant", Scope.ROW);

  /** Whether a reason rejects a whole file or a single row. */
  public enum Scope {
    FILE,
    ROW
  }

  private final String code;
  private final Scope scope;

  Reason(String code, Scope scope) {
    this.code = code;
    this.scope = scope;
  }

  /** The stable code; also the JSON form. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String code() {
    return code;
  }

  public Scope scope() {
    return scope;
  }
}
