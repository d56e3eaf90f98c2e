package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;

/**
 * Adds {@code amount} to one of the sender's positions: interest so far is added to the principal
 * and the start (and so a locked pool's lock) restarts now, as in OpenLedger's {@code topUpStake}.
 *
 * @param position the position id
 * @param amount positive, within the total supply
 */
public record TopUp(long position, Amount amount) implements StakingMsg {
  public static final MessageType<TopUp> TYPE =
      new MessageType<>(0x0202, "staking/topup", TopUp.class, TopUp::decode);

  public TopUp {
    Ids.requireId(position, "position");
    Amounts.requirePositiveWithinSupply(amount, "top-up amount");
  }

  @Override
  public MessageType<TopUp> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(position).amount(amount);
  }

  private static TopUp decode(CanonicalReader r) throws DecodeException {
    return new TopUp(r.varint("position"), r.amount("amount"));
  }
}
