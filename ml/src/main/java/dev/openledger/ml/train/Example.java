package dev.openledger.ml.train;

/**
 * One training (or query) sequence: the model reads {@code tokens} and is scored on predicting
 * {@code tokens[promptLength..]} (each from the tokens before it). {@code promptLength = 0} scores
 * every token after the first.
 *
 * @param tokens token ids, at least 2
 * @param promptLength leading tokens that are context only
 */
public record Example(int[] tokens, int promptLength) {

  public Example {
    if (tokens.length < 2) {
      throw new IllegalArgumentException(
          "an example needs at least 2 tokens, got " + tokens.length);
    }
    if (promptLength < 0 || promptLength >= tokens.length) {
      throw new IllegalArgumentException(
          "prompt length " + promptLength + " leaves no token to score in " + tokens.length);
    }
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  /** A prompt and its response as one example scored on the response only. */
  public static Example promptResponse(int[] prompt, int[] response) {
    int[] all = new int[prompt.length + response.length];
    System.arraycopy(prompt, 0, all, 0, prompt.length);
    System.arraycopy(response, 0, all, prompt.length, response.length);
    return new Example(all, Math.max(0, prompt.length));
  }

  int length() {
    return tokens.length;
  }

  int token(int i) {
    return tokens[i];
  }
}
