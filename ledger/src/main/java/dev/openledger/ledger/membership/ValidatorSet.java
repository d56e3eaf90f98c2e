package dev.openledger.ledger.membership;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validators after one block: who may propose and whose attestations count. It lives in the chain's
 * state (module {@code cluster}), so every replica sees a change at the same height.
 *
 * @param version 0 at genesis, +1 per applied change
 * @param members the validators, in the order they were added
 */
public record ValidatorSet(long version, List<Validator> members) {
  /** The most validators a set may hold; Raft clusters beyond a handful only slow commits. */
  public static final int MAX_MEMBERS = 31;

  public ValidatorSet {
    if (version < 0) {
      throw new IllegalArgumentException("version is non-negative");
    }
    members = List.copyOf(members);
    if (members.isEmpty() || members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException("a validator set holds 1 to " + MAX_MEMBERS + " validators, got " + members.size());
    }
    Set<String> ids = new HashSet<>();
    Set<PublicKey> keys = new HashSet<>();
    for (Validator v : members) {
      if (!ids.add(v.id())) {
        throw new IllegalArgumentException("validator id '" + v.id() + "' appears twice");
      }
      if (!keys.add(v.key())) {
        throw new IllegalArgumentException("validator key " + v.key() + " appears twice");
      }
    }
  }

  public Optional<Validator> byId(String id) {
    return members.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Optional<Validator> byKey(PublicKey key) {
    return members.stream().filter(v -> v.key().equals(key)).findFirst();
  }

  public boolean contains(PublicKey key) {
    return byKey(key).isPresent();
  }

  /** How many validators make a majority. */
  public int quorum() {
    return members.size() / 2 + 1;
  }

  /** The set after {@code v} joins (version + 1). */
  public ValidatorSet with(Validator v) {
    List<Validator> next = new ArrayList<>(members);
    next.add(v);
    return new ValidatorSet(version + 1, next);
  }

  /** The set after validator {@code id} leaves (version + 1). */
  public ValidatorSet without(String id) {
    List<Validator> next = new ArrayList<>(members);
    next.removeIf(v -> v.id().equals(id));
    return new ValidatorSet(version + 1, next);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(64 + members.size() * 80);
    w.varint(version).varint(members.size());
    for (Validator v : members) {
      v.encode(w);
    }
    return w.toByteArray();
  }

  public static ValidatorSet decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    long version = r.varint("version");
    int n = (int) r.varint("validator count", MAX_MEMBERS);
    List<Validator> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      members.add(Validator.decode(r));
    }
    r.finish();
    try {
      return new ValidatorSet(version, members);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
