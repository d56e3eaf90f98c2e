package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.membership.Validator;
import java.util.Objects;

/**
 * Adds a validator to a replicated chain's validator set (governance only). When the block holding it is
 * applied, every replica uses the new set from the next block on, and the leader adds the node to the Raft
 * group at {@code raft}, where it must be waiting ({@code openledger node} of a home made by
 * {@code init --join}).
 *
 * @param id its Raft peer id, {@code [a-z0-9][a-z0-9-]{0,31}}
 * @param publicKey the key signing its blocks and attestations; its address should hold validator stake
 * @param raft its Raft server's {@code host:port}
 */
public record AddValidator(String id, PublicKey publicKey, String raft) implements ClusterMsg {
  public static final MessageType<AddValidator> TYPE = new MessageType<>(0x0801, "cluster/add_validator", AddValidator.class, AddValidator::decode);

  public AddValidator {
    Objects.requireNonNull(raft, "raft");
    if (raft.isEmpty()) {
      throw new IllegalArgumentException("a new validator needs its Raft address (host:port)");
    }
    new Validator(id, publicKey, raft);
  }

  /** The validator this adds. */
  public Validator validator() {
    return new Validator(id, publicKey, raft);
  }

  @Override
  public MessageType<AddValidator> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(id).publicKey(publicKey).string(raft);
  }

  private static AddValidator decode(CanonicalReader r) throws DecodeException {
    return new AddValidator(r.string("validator id", 32), r.publicKey("validator key"), r.string("raft address", 300));
  }
}
