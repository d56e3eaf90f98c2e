package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;

/** Replaces the datanet module's parameters; only the current {@code authority} may send it. */
public record UpdateDatanetParams(DatanetParams params) implements DatanetMsg {
  public static final MessageType<UpdateDatanetParams> TYPE =
      new MessageType<>(
          0x040a, "datanet/update_params", UpdateDatanetParams.class, UpdateDatanetParams::decode);

  public UpdateDatanetParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateDatanetParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateDatanetParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateDatanetParams(DatanetParams.decode(r));
  }
}
