package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;

/** Replaces the attribution module's parameters; only the current {@code authority} may send it. */
public record UpdateAttributionParams(AttributionParams params) implements AttributionMsg {
  public static final MessageType<UpdateAttributionParams> TYPE =
      new MessageType<>(
          0x0703,
          "attribution/update_params",
          UpdateAttributionParams.class,
          UpdateAttributionParams::decode);

  public UpdateAttributionParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateAttributionParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateAttributionParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateAttributionParams(AttributionParams.decode(r));
  }
}
