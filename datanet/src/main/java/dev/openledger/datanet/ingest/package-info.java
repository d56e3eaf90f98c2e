/**
 * Ingestion: file type detection (by extension and by content), text extraction (.txt, .md, .jsonl;
 * .pdf with Apache PDFBox; .docx with Apache POI) and splitting into rows.
 *
 * <p>Invariants: extraction is a pure function of the bytes (the same file always gives the same
 * rows); every failure on bad input is a {@link dev.openledger.datanet.validate.Rejection} with a
 * reason, never an exception; rows come out cleaned ({@link
 * dev.openledger.datanet.text.TextNormalizer#clean}).
 */
package dev.openledger.datanet.ingest;
