package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * What the replicated log carries, one per entry:
 *
 * <pre>
 * u8 kind | body
 *   1 Proposal           a signed block (header, signature, transactions) and the candidates left out of it
 *   2 AttestationBatch   validators' signed state-root claims
 * </pre>
 *
 * <p>(Kind 3, an admin-signed membership change, is retired: the validator set is chain state, changed by
 * governance inside blocks.)
 */
public sealed interface ClusterEntry permits Proposal, AttestationBatch {

  /** Writes the entry without its kind byte. */
  void encodeBody(CanonicalWriter w);

  /** The entry's bytes in the log. */
  default byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(512);
    w.u8(kind(this));
    encodeBody(w);
    return w.toByteArray();
  }

  static int kind(ClusterEntry e) {
    return e instanceof Proposal ? 1 : 2;
  }

  /** Decodes a log entry; non-canonical or unknown bytes fail. */
  static ClusterEntry decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int kind = r.u8("entry kind");
    ClusterEntry e =
        switch (kind) {
          case 1 -> Proposal.decodeBody(r);
          case 2 -> AttestationBatch.decodeBody(r);
          default -> throw new DecodeException("unknown log entry kind " + kind);
        };
    r.finish();
    return e;
  }
}
