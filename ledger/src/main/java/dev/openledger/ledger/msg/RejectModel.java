package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Rejects a proposed model version; only the governance authority may. Final for that version.
 *
 * @param name the model's name
 * @param version its version
 * @param reason why, 1 to 512 bytes
 */
public record RejectModel(String name, int version, String reason) implements ModelMsg {
  public static final MessageType<RejectModel> TYPE =
      new MessageType<>(0x0504, "model/reject", RejectModel.class, RejectModel::decode);

  public RejectModel {
    ModelMsg.checkKey(name, version);
    Fields.text(reason, "reason", 1, ReviewContribution.MAX_REASON_BYTES, false);
  }

  @Override
  public MessageType<RejectModel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).u32(version).string(reason);
  }

  private static RejectModel decode(CanonicalReader r) throws DecodeException {
    return new RejectModel(
        r.string("name", 64),
        DatanetParams.u32int(r, "version"),
        r.string("reason", ReviewContribution.MAX_REASON_BYTES));
  }
}
