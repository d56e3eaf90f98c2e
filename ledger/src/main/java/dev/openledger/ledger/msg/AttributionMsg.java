package dev.openledger.ledger.msg;

import java.util.List;

/**
 * Messages of the attribution module (code 7): a serving provider's attribution of one settled,
 * paid inference (which pays the contributors' part of that receipt's fee by the attribution's
 * shares), the sweep of a batch's unattributed part after a timeout, and the module's parameters.
 */
public sealed interface AttributionMsg extends Message
    permits AttributeInference, SweepUnattributed, UpdateAttributionParams {

  /** Every attribution message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(AttributeInference.TYPE, SweepUnattributed.TYPE, UpdateAttributionParams.TYPE);
  }
}
