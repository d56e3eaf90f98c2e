package dev.openledger.datanet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsStageTest {
  private final LimitsStage stage = new LimitsStage(ValidationParams.Limits.defaults());
  private static final long MB = ValidationParams.MB;

  private static Reason reason(StageResult r) {
    assertThat(r).isInstanceOf(StageResult.Reject.class);
    return ((StageResult.Reject) r).rejection().reason();
  }

  @Test
  void publishedDefaultsAreEnforced() {
    assertThat(stage.check(5 * MB, UsageSnapshot.NONE)).isEqualTo(StageResult.PASS);
    assertThat(reason(stage.check(5 * MB + 1, UsageSnapshot.NONE)))
        .isEqualTo(Reason.FILE_TOO_LARGE);
    assertThat(reason(stage.check(0, UsageSnapshot.NONE))).isEqualTo(Reason.EMPTY_FILE);
    assertThat(reason(stage.check(1, new UsageSnapshot(0, 20, 0))))
        .isEqualTo(Reason.USER_DAILY_FILES);
    assertThat(stage.check(1, new UsageSnapshot(10 * MB - 1, 19, 0))).isEqualTo(StageResult.PASS);
    assertThat(reason(stage.check(2, new UsageSnapshot(10 * MB - 1, 19, 0))))
        .isEqualTo(Reason.USER_DAILY_BYTES);
    assertThat(reason(stage.check(2, new UsageSnapshot(0, 0, 10 * MB - 1))))
        .isEqualTo(Reason.DATANET_DAILY_BYTES);
  }

  @Test
  void messagesSayWhatWasUsedAndTheLimit() {
    StageResult.Reject r =
        (StageResult.Reject) stage.check(3 * MB, new UsageSnapshot(8 * MB, 3, 0));
    assertThat(r.rejection().message())
        .contains("8.00 MB")
        .contains("3.00 MB")
        .contains("10.00 MB");
  }
}
