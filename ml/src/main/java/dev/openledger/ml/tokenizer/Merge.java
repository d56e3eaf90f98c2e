package dev.openledger.ml.tokenizer;

/**
 * One BPE merge rule: the adjacent byte-level tokens {@code left} and {@code right} become {@code
 * left + right}. A rule's rank is its index in the merge list; lower ranks apply first.
 */
public record Merge(String left, String right) {
  public Merge {
    if (left == null || right == null || left.isEmpty() || right.isEmpty()) {
      throw new IllegalArgumentException("a merge needs two non-empty tokens");
    }
  }

  /** The token the merge produces. */
  public String result() {
    return left + right;
  }

  /** The {@code "left right"} form of {@code vocab.bpe} and older {@code tokenizer.json} files. */
  @Override
  public String toString() {
    return left + " " + right;
  }
}
