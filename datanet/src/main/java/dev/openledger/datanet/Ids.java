package dev.openledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;

/**
 * Identifiers derived from content, so anyone (the ledger included) can recompute them:
 *
 * <pre>
 *   contributionId = SHA-256("openledger/contribution/v1\0" || datanetId[32] || submitter[20] || blobHash[32])
 *   rowId          = SHA-256("openledger/row/v1\0" || contributionId[32] || dedupHash[32])
 * </pre>
 */
public final class Ids {
  private static final byte[] CONTRIBUTION =
      "openledger/contribution/v1\0".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROW = "openledger/row/v1\0".getBytes(StandardCharsets.UTF_8);

  private Ids() {}

  public static Hash contribution(Hash datanetId, Address submitter, Hash blobHash) {
    return Hash.sha256(CONTRIBUTION, datanetId.bytes(), submitter.bytes(), blobHash.bytes());
  }

  public static Hash row(Hash contributionId, Hash dedupHash) {
    return Hash.sha256(ROW, contributionId.bytes(), dedupHash.bytes());
  }
}
