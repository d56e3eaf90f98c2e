package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An admin-signed change of the validator set, applied through the log so that every replica switches at
 * the same entry. It names the set version it was made for and applies only to that version, so replaying
 * it later changes nothing. Governance will sign these instead of an admin key once it exists.
 *
 * @param version the set version this change applies to
 * @param op what changes
 * @param signature the admin key's signature over {@link #signingBytes}
 */
public record MembershipChange(long version, Op op, Signature signature) implements ClusterEntry {
  private static final byte[] DOMAIN = "openledger:membership:v1\n".getBytes(StandardCharsets.US_ASCII);

  public MembershipChange {
    if (version < 0) {
      throw new IllegalArgumentException("version is non-negative");
    }
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(signature, "signature");
  }

  /** A change of the validator set. */
  public sealed interface Op permits Add, Remove {}

  /**
   * A validator joins; its address is where the leader reaches its Raft server.
   *
   * @param validator the new validator, with its address
   */
  public record Add(Validator validator) implements Op {
    public Add {
      Objects.requireNonNull(validator, "validator");
      if (validator.address().isEmpty()) {
        throw new IllegalArgumentException("a joining validator needs its Raft address (host:port)");
      }
    }
  }

  /**
   * A validator leaves.
   *
   * @param id its peer id
   */
  public record Remove(String id) implements Op {
    public Remove {
      Objects.requireNonNull(id, "id");
    }
  }

  /** Signs {@code op} for set {@code version} of chain {@code chainId}. */
  public static MembershipChange sign(KeyPair admin, String chainId, long version, Op op) {
    return new MembershipChange(version, op, admin.sign(signingBytes(chainId, version, op)));
  }

  public static byte[] signingBytes(String chainId, long version, Op op) {
    CanonicalWriter w = new CanonicalWriter(200);
    w.raw(DOMAIN).string(chainId).varint(version);
    encodeOp(w, op);
    return w.toByteArray();
  }

  /**
   * The set after this change, or why it does not apply: {@code bad_signature} (not the admin's),
   * {@code stale_version} (made for another version), {@code exists}, {@code unknown}, {@code last_validator}.
   */
  public Result<ValidatorSet> applyTo(ValidatorSet set, PublicKey admin, String chainId) {
    if (!admin.verify(signingBytes(chainId, version, op), signature)) {
      return Result.err("bad_signature", "the membership change is not signed by the cluster admin " + admin);
    }
    if (version != set.version()) {
      return Result.err("stale_version", "the change was made for validator set version " + version + "; the set is at version " + set.version());
    }
    if (op instanceof Add add) {
      Validator v = add.validator();
      if (set.byId(v.id()).isPresent() || set.contains(v.key())) {
        return Result.err("exists", "validator " + v.id() + " (or its key) is already in the set");
      }
      if (set.members().size() >= ValidatorSet.MAX_MEMBERS) {
        return Result.err("full", "the set already holds " + ValidatorSet.MAX_MEMBERS + " validators");
      }
      return Result.ok(set.with(v));
    }
    String id = ((Remove) op).id();
    if (set.byId(id).isEmpty()) {
      return Result.err("unknown", "no validator '" + id + "' in the set");
    }
    if (set.members().size() == 1) {
      return Result.err("last_validator", "the last validator cannot be removed");
    }
    return Result.ok(set.without(id));
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(version);
    encodeOp(w, op);
    w.signature(signature);
  }

  private static void encodeOp(CanonicalWriter w, Op op) {
    if (op instanceof Add add) {
      w.u8(1);
      add.validator().encode(w);
    } else {
      w.u8(2).string(((Remove) op).id());
    }
  }

  static MembershipChange decodeBody(CanonicalReader r) throws DecodeException {
    long version = r.varint("membership version");
    int kind = r.u8("membership op");
    Op op;
    try {
      op = switch (kind) {
        case 1 -> new Add(Validator.decode(r));
        case 2 -> new Remove(r.string("validator id", 32));
        default -> throw new DecodeException("unknown membership op " + kind);
      };
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
    return new MembershipChange(version, op, r.signature("membership signature"));
  }
}
