/**
 * The span track: a suffix array over a corpus of contributed documents, and verbatim matching of a
 * model's output against it (infini-gram, Liu et al. 2024; OLMoTrace, Liu et al. 2025).
 *
 * <p>Invariants: every document ends with a separator that no output token equals, so no match
 * crosses a document boundary; documents are laid out in submission order, so a lower document
 * index means an earlier submission; a span's credit goes to the first submitter among its
 * occurrences; the index file is identified by the SHA-256 of its bytes, checked on open.
 */
package dev.openledger.attribution.span;
