package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Attestations a validator collected since its last batch (one log entry instead of one per block).
 *
 * @param attestations in height order
 */
public record AttestationBatch(List<Attestation> attestations) implements ClusterEntry {
  static final int MAX = 10_000;

  public AttestationBatch {
    attestations = List.copyOf(attestations);
    if (attestations.isEmpty() || attestations.size() > MAX) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX + " attestations");
    }
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(attestations.size());
    for (Attestation a : attestations) {
      a.encode(w);
    }
  }

  static AttestationBatch decodeBody(CanonicalReader r) throws DecodeException {
    int n = (int) r.varint("attestation count", MAX);
    List<Attestation> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(Attestation.decode(r));
    }
    try {
      return new AttestationBatch(list);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
