package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * Gives all of the sender's voting power (its staked principal) to {@code to}, from now on; {@code
 * to} equal to the sender takes it back (ERC20Votes {@code delegate}).
 *
 * @param to the delegate
 */
public record Delegate(Address to) implements StakingMsg {
  public static final MessageType<Delegate> TYPE =
      new MessageType<>(0x0205, "staking/delegate", Delegate.class, Delegate::decode);

  public Delegate {
    Objects.requireNonNull(to, "to");
  }

  @Override
  public MessageType<Delegate> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.address(to);
  }

  private static Delegate decode(CanonicalReader r) throws DecodeException {
    return new Delegate(r.address("to"));
  }
}
