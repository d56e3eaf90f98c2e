package dev.openledger.ledger.membership;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.PublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A member of the validator set: its Raft peer id, the key that signs its proposals and attestations (and
 * whose address owns its validator stake), and its Raft address when the set records one (validators added
 * by governance; genesis validators' addresses come from each node's configuration).
 *
 * @param id Raft peer id, {@code [a-z0-9][a-z0-9-]{0,31}}
 * @param key Ed25519 key signing blocks and attestations
 * @param address {@code host:port} of its Raft server, or empty when the configuration supplies it
 */
public record Validator(String id, PublicKey key, String address) {
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+\\]):[0-9]{1,5}");

  public Validator {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("validator id must match " + ID.pattern() + ", got '" + id + "'");
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(address, "address");
    if (!address.isEmpty() && !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("validator address must be host:port, got '" + address + "'");
    }
  }

  /** A validator whose address the node configuration supplies. */
  public static Validator of(String id, PublicKey key) {
    return new Validator(id, key, "");
  }

  public void encode(CanonicalWriter w) {
    w.string(id).publicKey(key).string(address);
  }

  public static Validator decode(CanonicalReader r) throws DecodeException {
    String id = r.string("validator id", 32);
    PublicKey key = r.publicKey("validator key");
    String address = r.string("validator address", 300);
    try {
      return new Validator(id, key, address);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
