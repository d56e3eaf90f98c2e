package dev.openledger.ledger.msg;

import java.util.List;

/**
 * Messages of the model registry (code 5): registration with lineage, the approval state machine,
 * prices.
 */
public sealed interface ModelMsg extends Message
    permits RegisterModel,
        ProposeModel,
        ApproveModel,
        RejectModel,
        RetireModel,
        SetInferencePrice,
        UpdateModelParams {

  /** Every model message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(
        RegisterModel.TYPE,
        ProposeModel.TYPE,
        ApproveModel.TYPE,
        RejectModel.TYPE,
        RetireModel.TYPE,
        SetInferencePrice.TYPE,
        UpdateModelParams.TYPE);
  }

  /** Checks a (name, version) pair that names a registered model. */
  static void checkKey(String name, int version) {
    Fields.matching(
        name,
        "model name",
        RegisterModel.NAME,
        "1-64 lower-case letters, digits or . _ - (starting with a letter or digit)");
    if (version < 1) {
      throw new IllegalArgumentException("model versions start at 1, got " + version);
    }
  }
}
