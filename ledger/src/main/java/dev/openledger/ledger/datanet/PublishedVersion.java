package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.state.StateCodec;
import java.util.List;
import java.util.Objects;

/**
 * A published version, at {@code datanet/v<datanet><version>}.
 *
 * @param publication the message that published it (datanet, version, root, rows, contribution ids)
 * @param bytes the listed contributions' bytes (what the versioning fee was charged on)
 * @param fee the versioning fee the owner paid
 * @param height the block that published it
 * @param publishedAtMillis that block's time
 */
public record PublishedVersion(
    PublishVersion publication, long bytes, Amount fee, long height, long publishedAtMillis) {
  public PublishedVersion {
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(fee, "fee");
  }

  public Hash datanetId() {
    return publication.datanetId();
  }

  public int version() {
    return publication.version();
  }

  public Hash root() {
    return publication.root();
  }

  public long rows() {
    return publication.rows();
  }

  public List<Hash> contributionIds() {
    return publication.contributionIds();
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(128 + 32 * publication.contributionIds().size());
    publication.encodeBody(w);
    return w.varint(bytes).amount(fee).varint(height).i64(publishedAtMillis).toByteArray();
  }

  static PublishedVersion decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    PublishVersion p = StateCodec.construct(() -> PublishVersion.TYPE.decoder().decode(r));
    PublishedVersion v =
        new PublishedVersion(
            p, r.varint("bytes"), r.amount("fee"), r.varint("height"), r.i64("publishedAtMillis"));
    r.finish();
    return v;
  }
}
