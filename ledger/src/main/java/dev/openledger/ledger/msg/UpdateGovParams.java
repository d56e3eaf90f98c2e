package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.gov.GovParams;
import java.util.Objects;

/**
 * Replaces the governance module's parameters (Cosmos SDK {@code MsgUpdateParams}); only the
 * governance authority may send it, so it takes effect when a proposal carrying it executes.
 *
 * @param params the complete new parameters
 */
public record UpdateGovParams(GovParams params) implements GovMsg {
  public static final MessageType<UpdateGovParams> TYPE =
      new MessageType<>(
          0x0306, "gov/update_params", UpdateGovParams.class, UpdateGovParams::decode);

  public UpdateGovParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateGovParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateGovParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateGovParams(GovParams.decode(r));
  }
}
