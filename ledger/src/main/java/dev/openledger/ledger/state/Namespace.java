package dev.openledger.ledger.state;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A module's part of the state: every key it owns starts with {@code name + "/"}. The slash ends the name,
 * so no namespace is a prefix of another.
 *
 * @param name lowercase letters, e.g. {@code bank}
 */
public record Namespace(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z]{1,16}");

  public Namespace {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a namespace is 1-16 lowercase letters, got '" + name + "'");
    }
  }

  /** The namespace's own prefix, {@code name/}. */
  public StateKey prefix() {
    return StateKey.adopt(StateKey.utf8(name + "/"));
  }

  /** A key in this namespace: {@code name/} followed by {@code suffix}. */
  public StateKey key(byte[] suffix) {
    return prefix().append(suffix);
  }

  /** A key made of a one-letter table tag and an id, e.g. {@code bank/a<20 address bytes>}. */
  public StateKey key(char table, byte[] id) {
    byte[] suffix = new byte[1 + id.length];
    suffix[0] = (byte) table;
    System.arraycopy(id, 0, suffix, 1, id.length);
    return key(suffix);
  }

  /** True when {@code key} belongs to this namespace. */
  public boolean owns(StateKey key) {
    return key.startsWith(prefix());
  }
}
