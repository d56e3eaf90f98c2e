package dev.openledger.datanet.store;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.dedup.RowClaim;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persistent {@link DedupIndex} of one datanet: one point lookup for the exact key, one
 * multi-get over the band keys, then one read per distinct candidate row (its claim prefix only).
 */
final class RocksDedupIndex implements DedupIndex {
  interface Reader {
    byte[] read(DatanetStore.Cf cf, byte[] key) throws IOException;
  }

  interface MultiReader {
    List<byte[]> readMany(DatanetStore.Cf cf, List<byte[]> keys) throws IOException;
  }

  private final Hash datanetId;
  private final Reader reader;
  private final MultiReader multi;

  RocksDedupIndex(Hash datanetId, Reader reader, MultiReader multi) {
    this.datanetId = datanetId;
    this.reader = reader;
    this.multi = multi;
  }

  @Override
  public Optional<RowClaim> exact(Hash dedupHash) throws IOException {
    byte[] rowId = reader.read(DatanetStore.Cf.EXACT, Keys.exact(datanetId, dedupHash));
    if (rowId == null) {
      return Optional.empty();
    }
    byte[] row = reader.read(DatanetStore.Cf.ROWS, rowId);
    if (row == null) {
      throw new CorruptRecordException(
          new dev.openledger.core.codec.DecodeException(
              "exact index names row " + Hash.wrap(rowId) + " which is not stored"));
    }
    return Optional.of(DatanetStore.decode(row, RowRecord::decodeClaim));
  }

  @Override
  public List<RowClaim> candidates(long[] bandKeys) throws IOException {
    List<byte[]> keys = new ArrayList<>(bandKeys.length);
    for (long k : bandKeys) {
      keys.add(Keys.band(datanetId, k));
    }
    return DatanetStore.claims(multi.readMany(DatanetStore.Cf.BANDS, keys), reader);
  }
}
