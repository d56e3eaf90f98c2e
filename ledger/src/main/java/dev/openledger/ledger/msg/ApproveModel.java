package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Approves a proposed model version for serving; only the governance authority may (governance
 * executes it after a vote).
 *
 * @param name the model's name
 * @param version its version
 */
public record ApproveModel(String name, int version) implements ModelMsg {
  public static final MessageType<ApproveModel> TYPE =
      new MessageType<>(0x0503, "model/approve", ApproveModel.class, ApproveModel::decode);

  public ApproveModel {
    ModelMsg.checkKey(name, version);
  }

  @Override
  public MessageType<ApproveModel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).u32(version);
  }

  private static ApproveModel decode(CanonicalReader r) throws DecodeException {
    return new ApproveModel(r.string("name", 64), DatanetParams.u32int(r, "version"));
  }
}
