package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;

/**
 * Submits evidence of misbehaviour: when it holds, the offender's stakes for the role (and its
 * unbonding positions that were at stake at the infraction height) lose the parameter's fraction,
 * and the role is jailed. Validator evidence may come from anyone; attested evidence only from the
 * governance authority or a reporter.
 *
 * @param evidence what happened
 */
public record Slash(Evidence evidence) implements StakingMsg {
  public static final MessageType<Slash> TYPE =
      new MessageType<>(0x0206, "staking/slash", Slash.class, Slash::decode);

  public Slash {
    Objects.requireNonNull(evidence, "evidence");
  }

  @Override
  public MessageType<Slash> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    evidence.encode(w);
  }

  private static Slash decode(CanonicalReader r) throws DecodeException {
    return new Slash(Evidence.decode(r));
  }
}
