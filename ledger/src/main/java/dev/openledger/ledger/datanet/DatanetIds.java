package dev.openledger.ledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;

/**
 * Identifiers anyone can recompute:
 *
 * <pre>
 *   datanetId      = SHA-256("openledger/datanet/v1\0" || owner[20] || UTF-8(name))
 *   contributionId = SHA-256("openledger/contribution/v1\0" || datanetId[32] || submitter[20] || contentHash[32])
 * </pre>
 *
 * The contribution id is the off-chain datanet service's ({@code dev.openledger.datanet.Ids}), so
 * the chain checks that a submission names the file its sender uploaded.
 */
public final class DatanetIds {
  private static final byte[] DATANET = "openledger/datanet/v1\0".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTRIBUTION =
      "openledger/contribution/v1\0".getBytes(StandardCharsets.UTF_8);

  private DatanetIds() {}

  public static Hash datanet(Address owner, String name) {
    return Hash.sha256(DATANET, owner.bytes(), name.getBytes(StandardCharsets.UTF_8));
  }

  public static Hash contribution(Hash datanetId, Address submitter, Hash contentHash) {
    return Hash.sha256(CONTRIBUTION, datanetId.bytes(), submitter.bytes(), contentHash.bytes());
  }
}
