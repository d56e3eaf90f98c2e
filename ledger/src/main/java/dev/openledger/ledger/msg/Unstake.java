package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Requests the end of one of the sender's positions (OpenLedger's {@code requestUnstake}): the
 * principal and interest so far become an unbonding amount, paid by {@link Withdraw} after the
 * pool's cooldown, or at once when the cooldown is 0. A locked position can only be unstaked once
 * its lock has ended.
 *
 * @param position the position id
 */
public record Unstake(long position) implements StakingMsg {
  public static final MessageType<Unstake> TYPE =
      new MessageType<>(0x0203, "staking/unstake", Unstake.class, Unstake::decode);

  public Unstake {
    Ids.requireId(position, "position");
  }

  @Override
  public MessageType<Unstake> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(position);
  }

  private static Unstake decode(CanonicalReader r) throws DecodeException {
    return new Unstake(r.varint("position"));
  }
}
