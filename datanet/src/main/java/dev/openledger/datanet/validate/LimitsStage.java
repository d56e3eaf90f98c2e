package dev.openledger.datanet.validate;

/**
 * Size and daily-quota limits. The per-day counts come from the caller's {@link UsageSnapshot};
 * this stage adds the file being checked and compares with the limits.
 */
public final class LimitsStage {
  private final ValidationParams.Limits limits;

  public LimitsStage(ValidationParams.Limits limits) {
    this.limits = limits;
  }

  public StageResult check(long fileBytes, UsageSnapshot usage) {
    if (fileBytes == 0) {
      return StageResult.reject(Reason.EMPTY_FILE, "the file is empty");
    }
    if (fileBytes > limits.maxFileBytes()) {
      return StageResult.reject(
          Reason.FILE_TOO_LARGE,
          "the file is "
              + bytes(fileBytes)
              + "; the limit is "
              + bytes(limits.maxFileBytes())
              + " per file");
    }
    if (usage.userFilesToday() >= limits.maxUserFilesPerDay()) {
      return StageResult.reject(
          Reason.USER_DAILY_FILES,
          "you have already contributed "
              + usage.userFilesToday()
              + " files today; the limit is "
              + limits.maxUserFilesPerDay()
              + " per day");
    }
    if (usage.userBytesToday() + fileBytes > limits.maxUserBytesPerDay()) {
      return StageResult.reject(
          Reason.USER_DAILY_BYTES,
          "you have contributed "
              + bytes(usage.userBytesToday())
              + " today and this file adds "
              + bytes(fileBytes)
              + "; the limit is "
              + bytes(limits.maxUserBytesPerDay())
              + " per user per day");
    }
    if (usage.datanetBytesToday() + fileBytes > limits.maxDatanetBytesPerDay()) {
      return StageResult.reject(
          Reason.DATANET_DAILY_BYTES,
          "this datanet has received "
              + bytes(usage.datanetBytesToday())
              + " today and this file adds "
              + bytes(fileBytes)
              + "; the limit is "
              + bytes(limits.maxDatanetBytesPerDay())
              + " per datanet per day");
    }
    return StageResult.PASS;
  }

  static String bytes(long n) {
    if (n >= ValidationParams.MB) {
      return String.format(
          java.util.Locale.ROOT, "%.2f MB (%d bytes)", n / (double) ValidationParams.MB, n);
    }
    return n + " bytes";
  }
}
