package dev.openledger.datanet.validate;

import java.util.Objects;

/** The verdict of one validation stage. */
public sealed interface StageResult permits StageResult.Pass, StageResult.Reject {

  /** A pass with full marks, for stages that only gate. */
  StageResult PASS = new Pass(1.0);

  static StageResult pass(double score) {
    return new Pass(score);
  }

  static StageResult reject(Reason reason, String message) {
    return new Reject(Rejection.of(reason, message));
  }

  /** The input passed; {@code score} in [0,1] grades it where the stage grades (1.0 otherwise). */
  record Pass(double score) implements StageResult {
    public Pass {
      if (!(score >= 0 && score <= 1)) {
        throw new IllegalArgumentException("score must be in [0,1]: " + score);
      }
    }
  }

  /** The input was refused. */
  record Reject(Rejection rejection) implements StageResult {
    public Reject {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
