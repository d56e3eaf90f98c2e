package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.staking.StakingParams;
import java.util.Objects;

/**
 * Replaces the staking module's parameters (Cosmos SDK {@code MsgUpdateParams}); only the
 * governance authority may send it, so it takes effect when a proposal carrying it executes.
 *
 * @param params the complete new parameters
 */
public record UpdateStakingParams(StakingParams params) implements StakingMsg {
  public static final MessageType<UpdateStakingParams> TYPE =
      new MessageType<>(
          0x020a, "staking/update_params", UpdateStakingParams.class, UpdateStakingParams::decode);

  public UpdateStakingParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateStakingParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateStakingParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateStakingParams(StakingParams.decode(r));
  }
}
