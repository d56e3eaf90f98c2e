package dev.openledger.modelfactory.eval;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Held-out scores on one datanet version.
 *
 * @param datanetId the datanet
 * @param version its version
 * @param scores base and adapter on its held-out rows
 */
public record DatanetEvaluation(Hash datanetId, int version, HeldOutScores scores) {
  public DatanetEvaluation {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(scores, "scores");
  }
}
