package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.staking.Purpose;
import java.util.Objects;

/**
 * Lifts the sender's jail for a role once the jail time is over (not after a double sign, which
 * tombstones).
 *
 * @param purpose the jailed role
 */
public record Unjail(Purpose purpose) implements StakingMsg {
  public static final MessageType<Unjail> TYPE =
      new MessageType<>(0x0207, "staking/unjail", Unjail.class, Unjail::decode);

  public Unjail {
    Objects.requireNonNull(purpose, "purpose");
  }

  @Override
  public MessageType<Unjail> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.u8(purpose.code());
  }

  private static Unjail decode(CanonicalReader r) throws DecodeException {
    return new Unjail(Purpose.decode(r));
  }
}
