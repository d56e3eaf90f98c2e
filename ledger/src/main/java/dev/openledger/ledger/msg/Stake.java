package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.staking.Purpose;
import java.util.Objects;

/**
 * Stakes {@code amount} of the sender's liquid OPEN in {@code pool} for {@code purpose}, opening a
 * new position (OpenLedger's {@code stake}).
 *
 * @param pool the pool id
 * @param purpose the role the stake backs
 * @param amount positive, within the total supply
 */
public record Stake(long pool, Purpose purpose, Amount amount) implements StakingMsg {
  public static final MessageType<Stake> TYPE =
      new MessageType<>(0x0201, "staking/stake", Stake.class, Stake::decode);

  public Stake {
    Ids.requireId(pool, "pool");
    Objects.requireNonNull(purpose, "purpose");
    Amounts.requirePositiveWithinSupply(amount, "stake amount");
  }

  @Override
  public MessageType<Stake> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(pool).u8(purpose.code()).amount(amount);
  }

  private static Stake decode(CanonicalReader r) throws DecodeException {
    return new Stake(r.varint("pool"), Purpose.decode(r), r.amount("amount"));
  }
}
