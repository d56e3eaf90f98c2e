package dev.openledger.datanet.validate;

/**
 * What has already been contributed today, as the chain records it, taken by the caller before
 * ingesting a file: the submitter's bytes and files across all datanets, and this datanet's bytes
 * from everyone.
 */
public record UsageSnapshot(long userBytesToday, int userFilesToday, long datanetBytesToday) {
  public static final UsageSnapshot NONE = new UsageSnapshot(0, 0, 0);

  public UsageSnapshot {
    if (userBytesToday < 0 || userFilesToday < 0 || datanetBytesToday < 0) {
      throw new IllegalArgumentException("usage counts are non-negative");
    }
  }
}
