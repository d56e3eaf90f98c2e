package dev.openledger.ledger.msg;

import java.util.List;

/** Messages of the staking module: positions, delegation of voting power, slashing, pools. */
public sealed interface StakingMsg extends Message
    permits Stake,
        TopUp,
        Unstake,
        Withdraw,
        Delegate,
        Slash,
        Unjail,
        CreatePool,
        UpdatePool,
        UpdateStakingParams {

  /** Every staking message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(
        Stake.TYPE,
        TopUp.TYPE,
        Unstake.TYPE,
        Withdraw.TYPE,
        Delegate.TYPE,
        Slash.TYPE,
        Unjail.TYPE,
        CreatePool.TYPE,
        UpdatePool.TYPE,
        UpdateStakingParams.TYPE);
  }
}
