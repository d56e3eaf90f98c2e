package dev.openledger.ledger.state.smt;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.security.MessageDigest;
import java.util.Objects;

/** A stored tree node: a leaf (one key and its value) or an internal node (two child hashes). */
public sealed interface SmtNode permits SmtNode.Leaf, SmtNode.Internal {

  /** The node's hash, its storage key. */
  Hash hash();

  /** Storage encoding: {@code 0 | keyHash | bytes(value)} or {@code 1 | kinds | left | right}. */
  byte[] encode();

  static SmtNode decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.u8("node tag");
    SmtNode node;
    if (tag == 0) {
      node = Leaf.of(r.hash("keyHash"), r.bytes("value", Integer.MAX_VALUE));
    } else if (tag == 1) {
      int kinds = r.u8("child kinds");
      Kind lk = Kind.fromCode(kinds >> 2);
      Kind rk = Kind.fromCode(kinds & 3);
      node = Internal.of(r.hash("left"), lk, r.hash("right"), rk);
    } else {
      throw new DecodeException("unknown tree node tag " + tag);
    }
    r.finish();
    return node;
  }

  /**
   * What a child reference points at; kept in the parent so that compaction needs no extra reads.
   */
  enum Kind {
    EMPTY,
    LEAF,
    INTERNAL;

    static Kind fromCode(int code) throws DecodeException {
      if (code < 0 || code > 2) {
        throw new DecodeException("unknown child kind " + code);
      }
      return values()[code];
    }
  }

  /** A key's leaf. */
  final class Leaf implements SmtNode {
    private final Hash keyHash;
    private final byte[] value;
    private final Hash valueHash;
    private final Hash hash;

    private Leaf(Hash keyHash, byte[] value) {
      this.keyHash = Objects.requireNonNull(keyHash);
      this.value = value;
      this.valueHash = Hash.sha256(value);
      this.hash = leafHash(keyHash, valueHash);
    }

    public static Leaf of(Hash keyHash, byte[] value) {
      return new Leaf(keyHash, value.clone());
    }

    public Hash keyHash() {
      return keyHash;
    }

    public byte[] value() {
      return value.clone();
    }

    public Hash valueHash() {
      return valueHash;
    }

    @Override
    public Hash hash() {
      return hash;
    }

    @Override
    public byte[] encode() {
      return new CanonicalWriter(40 + value.length).u8(0).hash(keyHash).bytes(value).toByteArray();
    }
  }

  /** An internal node with its children's hashes and kinds. */
  final class Internal implements SmtNode {
    private final Hash left;
    private final Kind leftKind;
    private final Hash right;
    private final Kind rightKind;
    private final Hash hash;

    private Internal(Hash left, Kind leftKind, Hash right, Kind rightKind) {
      this.left = left;
      this.leftKind = leftKind;
      this.right = right;
      this.rightKind = rightKind;
      this.hash = internalHash(left, right);
    }

    static Internal of(Hash left, Kind leftKind, Hash right, Kind rightKind)
        throws DecodeException {
      if ((leftKind == Kind.EMPTY) != left.equals(Hash.ZERO)
          || (rightKind == Kind.EMPTY) != right.equals(Hash.ZERO)) {
        throw new DecodeException("internal node child kind contradicts its hash");
      }
      return new Internal(left, leftKind, right, rightKind);
    }

    static Internal build(Hash left, Kind leftKind, Hash right, Kind rightKind) {
      return new Internal(left, leftKind, right, rightKind);
    }

    public Hash left() {
      return left;
    }

    public Kind leftKind() {
      return leftKind;
    }

    public Hash right() {
      return right;
    }

    public Kind rightKind() {
      return rightKind;
    }

    public Hash child(int bit) {
      return bit == 0 ? left : right;
    }

    public Kind childKind(int bit) {
      return bit == 0 ? leftKind : rightKind;
    }

    @Override
    public Hash hash() {
      return hash;
    }

    @Override
    public byte[] encode() {
      return new CanonicalWriter(70)
          .u8(1)
          .u8(leftKind.ordinal() << 2 | rightKind.ordinal())
          .hash(left)
          .hash(right)
          .toByteArray();
    }
  }

  static Hash leafHash(Hash keyHash, Hash valueHash) {
    return pairHash((byte) 0x00, keyHash, valueHash);
  }

  static Hash internalHash(Hash left, Hash right) {
    return pairHash((byte) 0x01, left, right);
  }

  private static Hash pairHash(byte tag, Hash a, Hash b) {
    byte[] buf = new byte[1 + 2 * Hash.LENGTH];
    buf[0] = tag;
    a.copyTo(buf, 1);
    b.copyTo(buf, 1 + Hash.LENGTH);
    MessageDigest md = Hash.newDigest();
    md.update(buf);
    return Hash.of(md);
  }
}
