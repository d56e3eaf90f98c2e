package dev.openledger.datanet.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.text.TextNormalizer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One contract, run against every {@link DedupIndex} implementation. */
public abstract class DedupIndexContractTest {
  protected static final Fingerprinter FP = new Fingerprinter(2, 40, 4);
  protected static final Address ALICE = Address.module("alice");
  protected static final Hash CONTRIBUTION = Hash.sha256(new byte[] {42});

  /**
   * Claims each text as a row of {@link #CONTRIBUTION} owned by {@link #ALICE}, then returns the
   * index.
   */
  protected abstract DedupIndex indexWith(List<String> texts) throws IOException;

  protected static RowFingerprint fp(String text) {
    String key = TextNormalizer.dedupKey(text);
    return FP.fingerprint(key, TextNormalizer.words(key));
  }

  protected static Hash rowId(String text) {
    return Hash.sha256(fp(text).dedupHash().bytes(), CONTRIBUTION.bytes());
  }

  private static final String A =
      "The quick brown fox jumps over the lazy dog while the farmer sleeps in the shade of an old oak tree.";
  private static final String B =
      "Markets rallied on Friday as investors welcomed the central bank's decision to hold interest rates steady.";

  @Test
  void exactLookupFindsTheClaimByNormalisedText() throws IOException {
    DedupIndex idx = indexWith(List.of(A, B));
    RowClaim c =
        idx.exact(
                fp("the QUICK brown fox, jumps over the lazy dog while the farmer sleeps in the shade of an old oak tree")
                    .dedupHash())
            .orElseThrow();
    assertThat(c.rowId()).isEqualTo(rowId(A));
    assertThat(c.owner()).isEqualTo(ALICE);
    assertThat(c.contributionId()).isEqualTo(CONTRIBUTION);
    assertThat(idx.exact(fp("something else entirely").dedupHash())).isEmpty();
  }

  @Test
  void candidatesIncludeNearCopiesAndVerificationSeparatesThem() throws IOException {
    DedupIndex idx = indexWith(List.of(A, B));
    String edited = A.replace("lazy", "sleepy");
    List<RowClaim> cands = idx.candidates(fp(edited).bandKeys());
    assertThat(cands).extracting(RowClaim::rowId).contains(rowId(A));
    assertThat(
            Shingles.jaccard(
                fp(edited).shingles(),
                cands.stream()
                    .filter(c -> c.rowId().equals(rowId(A)))
                    .findFirst()
                    .orElseThrow()
                    .shingles()))
        .isGreaterThan(0.6);
    assertThat(
            idx.candidates(
                fp("A completely different sentence about gardening tools and spring flowers in bloom.")
                    .bandKeys()))
        .extracting(RowClaim::rowId)
        .doesNotContain(rowId(A), rowId(B));
  }
}
