/**
 * Text corpora for training: the Brown corpus (Francis &amp; Kučera, 1964/1979) in its tagged "form
 * C", turned back into plain running text.
 *
 * <p>Invariants: documents are listed in file-name order, so every run sees the same text in the
 * same order.
 */
package dev.openledger.ml.corpus;
