package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Takes a model version out of service for good; its developer or the governance authority may.
 *
 * @param name the model's name
 * @param version its version
 * @param reason why, 1 to 512 bytes
 */
public record RetireModel(String name, int version, String reason) implements ModelMsg {
  public static final MessageType<RetireModel> TYPE =
      new MessageType<>(0x0505, "model/retire", RetireModel.class, RetireModel::decode);

  public RetireModel {
    ModelMsg.checkKey(name, version);
    Fields.text(reason, "reason", 1, ReviewContribution.MAX_REASON_BYTES, false);
  }

  @Override
  public MessageType<RetireModel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).u32(version).string(reason);
  }

  private static RetireModel decode(CanonicalReader r) throws DecodeException {
    return new RetireModel(
        r.string("name", 64),
        DatanetParams.u32int(r, "version"),
        r.string("reason", ReviewContribution.MAX_REASON_BYTES));
  }
}
