package dev.openledger.attribution.span;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A contributed document as the span index takes it.
 *
 * @param docId the row id of the document in its Datanet (the gradient store's row id)
 * @param owner the contributor
 * @param datanet the Datanet
 * @param submissionSeq place in the global submission order (lower = earlier)
 * @param tokens token ids in {@code [0, vocabSize)}
 */
public record SpanDocument(
    Hash docId, Address owner, Hash datanet, long submissionSeq, int[] tokens) {
  public SpanDocument {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(datanet, "datanet");
    if (submissionSeq < 0) {
      throw new IllegalArgumentException("submissionSeq must be >= 0");
    }
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  int length() {
    return tokens.length;
  }

  int token(int i) {
    return tokens[i];
  }
}
