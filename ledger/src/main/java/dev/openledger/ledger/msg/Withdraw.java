package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Pays out an unbonding position whose cooldown has ended (OpenLedger's {@code unstake}).
 *
 * @param position the position id
 */
public record Withdraw(long position) implements StakingMsg {
  public static final MessageType<Withdraw> TYPE =
      new MessageType<>(0x0204, "staking/withdraw", Withdraw.class, Withdraw::decode);

  public Withdraw {
    Ids.requireId(position, "position");
  }

  @Override
  public MessageType<Withdraw> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(position);
  }

  private static Withdraw decode(CanonicalReader r) throws DecodeException {
    return new Withdraw(r.varint("position"));
  }
}
