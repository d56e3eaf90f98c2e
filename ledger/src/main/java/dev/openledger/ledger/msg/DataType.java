package dev.openledger.ledger.msg;

/**
 * The kind of data a datanet holds, fixed at creation (OpenLedger's datanets are text, image or
 * audio and reject mixed types). This chain's ingestion handles text only, so text is the one type
 * it accepts.
 */
public enum DataType {
  /** {@code .txt .md .jsonl .pdf .docx}, split into rows of text. */
  TEXT
}
