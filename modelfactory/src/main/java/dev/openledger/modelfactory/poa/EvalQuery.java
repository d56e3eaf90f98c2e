package dev.openledger.modelfactory.poa;

import java.util.Objects;

/**
 * A query of the eval: a held-out passage of one genre (consecutive paragraphs of a document nobody
 * submitted), its opening as the prompt and the rest as the response whose loss is attributed.
 *
 * @param genre the Brown genre it comes from
 * @param prompt BOS and the opening tokens
 * @param response the tokens after them
 */
record EvalQuery(char genre, int[] prompt, int[] response) {
  EvalQuery {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    if (response.length == 0) {
      throw new IllegalArgumentException("a query needs a response");
    }
  }
}
