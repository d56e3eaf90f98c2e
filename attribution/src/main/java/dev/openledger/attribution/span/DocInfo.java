package dev.openledger.attribution.span;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;

/**
 * A document inside a built index.
 *
 * @param index its position in the index (= submission rank)
 * @param docId the document's row id
 * @param owner the contributor
 * @param datanet the Datanet
 * @param submissionSeq its submission sequence
 * @param start offset of its first token in the index text
 * @param length its number of tokens
 * @param copiedTokens its tokens inside a k-gram (k = the index's copy length) that an earlier
 *     document of another owner contains
 */
public record DocInfo(
    int index,
    Hash docId,
    Address owner,
    Hash datanet,
    long submissionSeq,
    int start,
    int length,
    int copiedTokens) {

  /** The fraction of the document's tokens copied from earlier documents of other owners. */
  public double copiedFraction() {
    return length == 0 ? 0 : (double) copiedTokens / length;
  }
}
