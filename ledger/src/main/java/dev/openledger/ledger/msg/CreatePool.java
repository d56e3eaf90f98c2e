package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.staking.PoolConfig;
import java.util.Objects;

/**
 * Creates a staking pool (governance authority only; OpenLedger's trusted bank role).
 *
 * @param config the pool's terms
 */
public record CreatePool(PoolConfig config) implements StakingMsg {
  public static final MessageType<CreatePool> TYPE =
      new MessageType<>(0x0208, "staking/create_pool", CreatePool.class, CreatePool::decode);

  public CreatePool {
    Objects.requireNonNull(config, "config");
  }

  @Override
  public MessageType<CreatePool> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    config.encode(w);
  }

  private static CreatePool decode(CanonicalReader r) throws DecodeException {
    return new CreatePool(PoolConfig.decode(r));
  }
}
