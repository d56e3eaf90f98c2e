package dev.openledger.ml.tokenizer;

/**
 * A token matched as a whole in the input before BPE runs ({@code added_tokens} in {@code
 * tokenizer.json}), such as {@code <|endoftext|>} or the chat markers {@code <|im_start|>} / {@code
 * <|im_end|>}; never split, never produced by a merge.
 *
 * @param id its token id
 * @param content its text, matched literally
 * @param special whether decoding may skip it (control tokens); plain added words are not special
 */
public record AddedToken(int id, String content, boolean special) {
  public AddedToken {
    if (id < 0) {
      throw new IllegalArgumentException("added token id must be non-negative, got " + id);
    }
    if (content == null || content.isEmpty()) {
      throw new IllegalArgumentException("added token " + id + " has empty content");
    }
  }
}
