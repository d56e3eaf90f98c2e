package dev.openledger.datanet.dedup;

import java.util.List;

class MemoryDedupIndexTest extends DedupIndexContractTest {
  @Override
  protected DedupIndex indexWith(List<String> texts) {
    MemoryDedupIndex idx = new MemoryDedupIndex();
    for (String t : texts) {
      RowFingerprint f = fp(t);
      idx.add(f, new RowClaim(rowId(t), CONTRIBUTION, ALICE, f.shingles()));
    }
    return idx;
  }
}
