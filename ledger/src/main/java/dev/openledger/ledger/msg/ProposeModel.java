package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Asks for the model version to be approved for serving; only its developer may. The registry
 * records the proposal (state {@code proposed}); governance approves or rejects it, or, with the
 * devnet parameter {@code autoApprove}, it is approved at once.
 *
 * @param name the model's name
 * @param version its version
 */
public record ProposeModel(String name, int version) implements ModelMsg {
  public static final MessageType<ProposeModel> TYPE =
      new MessageType<>(0x0502, "model/propose", ProposeModel.class, ProposeModel::decode);

  public ProposeModel {
    ModelMsg.checkKey(name, version);
  }

  @Override
  public MessageType<ProposeModel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).u32(version);
  }

  private static ProposeModel decode(CanonicalReader r) throws DecodeException {
    return new ProposeModel(r.string("name", 64), DatanetParams.u32int(r, "version"));
  }
}
