package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;

/** Replaces the model registry's parameters; only the current {@code authority} may send it. */
public record UpdateModelParams(ModelParams params) implements ModelMsg {
  public static final MessageType<UpdateModelParams> TYPE =
      new MessageType<>(
          0x0507, "model/update_params", UpdateModelParams.class, UpdateModelParams::decode);

  public UpdateModelParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateModelParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateModelParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateModelParams(ModelParams.decode(r));
  }
}
