package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.membership.Validator;
import java.util.Objects;

/**
 * Removes a validator from a replicated chain's validator set (governance only). From the next block on
 * its proposals and attestations no longer count, and the leader takes it out of the Raft group (a removed
 * leader hands over).
 *
 * @param id its Raft peer id
 */
public record RemoveValidator(String id) implements ClusterMsg {
  public static final MessageType<RemoveValidator> TYPE = new MessageType<>(0x0802, "cluster/remove_validator", RemoveValidator.class, RemoveValidator::decode);

  public RemoveValidator {
    Objects.requireNonNull(id, "id");
    if (!Validator.ID.matcher(id).matches()) {
      throw new IllegalArgumentException("validator id must match " + Validator.ID.pattern() + ", got '" + id + "'");
    }
  }

  @Override
  public MessageType<RemoveValidator> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(id);
  }

  private static RemoveValidator decode(CanonicalReader r) throws DecodeException {
    return new RemoveValidator(r.string("validator id", 32));
  }
}
