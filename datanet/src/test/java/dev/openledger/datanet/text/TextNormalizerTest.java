package dev.openledger.datanet.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void cleanCollapsesWhitespaceAndAppliesNfkc() {
    assertThat(TextNormalizer.clean("  The\tquick\n\n brown\u00a0fox  "))
        .isEqualTo("The quick brown fox");
    assertThat(TextNormalizer.clean("ﬁne")).isEqualTo("fine");
  }

  @Test
  void dedupKeyIgnoresCaseSpacingAndPunctuation() {
    String a = TextNormalizer.dedupKey("The jury said, \"no evidence\" -- of irregularities.");
    assertThat(TextNormalizer.dedupKey("the JURY said no evidence of  irregularities"))
        .isEqualTo(a);
    assertThat(TextNormalizer.dedupKey("The jury said, “no evidence” — of irregularities!"))
        .isEqualTo(a);
    assertThat(TextNormalizer.dedupKey("The jury said no evidence of irregularity"))
        .isNotEqualTo(a);
    assertThat(TextNormalizer.words(a))
        .containsExactly("the", "jury", "said", "no", "evidence", "of", "irregularities");
  }
}
