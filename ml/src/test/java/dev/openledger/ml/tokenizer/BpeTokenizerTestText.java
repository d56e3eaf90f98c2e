package dev.openledger.ml.tokenizer;

/** Short English text that is not in the training genre. */
final class BpeTokenizerTestText {
  static final String FICTION =
      "She had not expected the house to be so quiet. The clock in the hall struck nine, and somewhere above her a"
          + " door closed softly. She waited, listening, until the silence became unbearable; then she climbed the"
          + " stairs, one at a time, and knocked at the door of the room where her brother had slept as a boy.";

  private BpeTokenizerTestText() {}
}
