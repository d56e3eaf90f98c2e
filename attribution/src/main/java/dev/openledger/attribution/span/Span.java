package dev.openledger.attribution.span;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;

/**
 * A maximal verbatim span of the output and who gets its credit.
 *
 * @param start first output position
 * @param end one past the last
 * @param occurrences how often the span occurs in the corpus
 * @param weight its rarity weight (see {@link SpanMatcher})
 * @param docIndex the credited document: the first submitted one containing the span
 * @param docId that document's id
 * @param owner its owner, who gets the credit
 * @param datanet its Datanet
 */
public record Span(
    int start,
    int end,
    int occurrences,
    double weight,
    int docIndex,
    Hash docId,
    Address owner,
    Hash datanet) {
  public int length() {
    return end - start;
  }
}
