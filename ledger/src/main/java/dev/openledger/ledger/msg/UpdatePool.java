package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.staking.PoolConfig;
import java.util.Objects;

/**
 * Replaces a pool's terms (governance authority only). Existing positions keep the rate and lock
 * they started (or were last topped up) with; new stakes, top-ups and unstake requests see the new
 * terms.
 *
 * @param pool the pool id
 * @param config the new terms
 */
public record UpdatePool(long pool, PoolConfig config) implements StakingMsg {
  public static final MessageType<UpdatePool> TYPE =
      new MessageType<>(0x0209, "staking/update_pool", UpdatePool.class, UpdatePool::decode);

  public UpdatePool {
    Ids.requireId(pool, "pool");
    Objects.requireNonNull(config, "config");
  }

  @Override
  public MessageType<UpdatePool> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(pool);
    config.encode(w);
  }

  private static UpdatePool decode(CanonicalReader r) throws DecodeException {
    return new UpdatePool(r.varint("pool"), PoolConfig.decode(r));
  }
}
