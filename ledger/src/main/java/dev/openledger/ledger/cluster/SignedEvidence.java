package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.tx.TxVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Evidence with the reporting validator's signature: the record a node keeps, serves and hands to the
 * slashing hook ({@link EvidenceSink}). The reporter's signature makes the report attributable; the evidence
 * itself stands on the offender's own signatures.
 *
 * @param evidence the evidence
 * @param reporter the validator that detected it
 * @param signature the reporter's signature over the evidence hash
 */
public record SignedEvidence(Evidence evidence, PublicKey reporter, Signature signature) {
  private static final byte[] DOMAIN = "openledger:evidence:v1\n".getBytes(StandardCharsets.US_ASCII);

  public SignedEvidence {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(reporter, "reporter");
    Objects.requireNonNull(signature, "signature");
  }

  public static SignedEvidence sign(Evidence evidence, KeyPair reporter, String chainId) {
    return new SignedEvidence(evidence, reporter.publicKey(), reporter.sign(signingBytes(chainId, evidence.hash())));
  }

  static byte[] signingBytes(String chainId, Hash evidenceHash) {
    return new CanonicalWriter(100).raw(DOMAIN).string(chainId).hash(evidenceHash).toByteArray();
  }

  /** The evidence's identity (the reporter is not part of it: two reporters of one fault report one hash). */
  public Hash hash() {
    return evidence.hash();
  }

  /** Checks the reporter's signature and the evidence; ok with this record, or {@code bad_evidence}. */
  public Result<SignedEvidence> verify(String chainId, ValidatorSet validators, TxVerifier verifier) {
    if (!reporter.verify(signingBytes(chainId, evidence.hash()), signature)) {
      return Result.err("bad_evidence", "the reporter's signature does not verify");
    }
    return evidence.verify(chainId, validators, verifier).map(e -> this);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(1024);
    evidence.encode(w);
    w.publicKey(reporter).signature(signature);
    return w.toByteArray();
  }

  public static SignedEvidence decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    SignedEvidence e = decode(r);
    r.finish();
    return e;
  }

  static SignedEvidence decode(CanonicalReader r) throws DecodeException {
    return new SignedEvidence(Evidence.decode(r), r.publicKey("reporter"), r.signature("reporter signature"));
  }
}
