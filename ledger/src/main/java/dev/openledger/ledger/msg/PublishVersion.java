package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The owner publishes the next version of a datanet: the Merkle root over the rows of the listed
 * accepted contributions (computed off chain; see docs/datanets.md for the tree) and the number of
 * rows it covers. The owner pays the versioning fee, which grows with the bytes of the listed
 * contributions.
 *
 * @param datanetId the datanet
 * @param version one more than the datanet's latest version (the first is 1)
 * @param root the version's Merkle root
 * @param rows the version's leaf count (no more than the listed contributions' rows)
 * @param contributionIds 1 to {@value #MAX_CONTRIBUTIONS} distinct accepted contributions of the
 *     datanet
 */
public record PublishVersion(
    Hash datanetId, int version, Hash root, long rows, List<Hash> contributionIds)
    implements DatanetMsg {
  public static final MessageType<PublishVersion> TYPE =
      new MessageType<>(0x0407, "datanet/publish", PublishVersion.class, PublishVersion::decode);

  /** What fits in a transaction of the default 16 KiB limit with room to spare. */
  public static final int MAX_CONTRIBUTIONS = 400;

  public PublishVersion {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(root, "root");
    if (version < 1 || rows < 1) {
      throw new IllegalArgumentException("versions are numbered from 1 and hold at least one row");
    }
    contributionIds = Fields.distinctHashes(contributionIds, "contributionIds", MAX_CONTRIBUTIONS);
  }

  @Override
  public MessageType<PublishVersion> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).u32(version).hash(root).varint(rows);
    Fields.writeHashes(w, contributionIds);
  }

  private static PublishVersion decode(CanonicalReader r) throws DecodeException {
    return new PublishVersion(
        r.hash("datanetId"),
        DatanetParams.u32int(r, "version"),
        r.hash("root"),
        r.varint("rows"),
        Fields.readHashes(r, "contributionIds", MAX_CONTRIBUTIONS));
  }
}
