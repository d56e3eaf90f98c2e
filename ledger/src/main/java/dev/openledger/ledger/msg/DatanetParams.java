package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The datanet module's parameters: set in genesis ({@code modules.datanet}), changed only by {@link
 * UpdateDatanetParams} from {@code authority}.
 *
 * @param authority the account allowed to change these parameters (the governance module account)
 * @param fees what creating, versioning and access cost
 * @param limits per-file and per-day contribution limits the chain enforces
 */
public record DatanetParams(Address authority, Fees fees, Limits limits) {
  /** 2^20 bytes: the unit of the file and daily limits, as in OpenLedger's published rules. */
  public static final long MB = 1L << 20;

  /** The largest byte limit parameters may set. */
  public static final long MAX_BYTES_LIMIT = 1L << 40;

  public DatanetParams {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Fees, all paid to the treasury except the owner's part of an access fee.
   *
   * @param createBase flat part of the deployment fee of {@link CreateDatanet}
   * @param createPerKib deployment fee per started KiB of the datanet's metadata as encoded in the
   *     message
   * @param versionBase flat part of the versioning fee of {@link PublishVersion}, paid by the owner
   * @param versionPerMib versioning fee per started MiB of the contributions a version lists
   * @param accessTreasuryBps the treasury's share of an access fee in basis points (the rest goes
   *     to the datanet's owner)
   */
  public record Fees(
      Amount createBase,
      Amount createPerKib,
      Amount versionBase,
      Amount versionPerMib,
      int accessTreasuryBps) {
    public Fees {
      Objects.requireNonNull(createBase, "createBase");
      Objects.requireNonNull(createPerKib, "createPerKib");
      Objects.requireNonNull(versionBase, "versionBase");
      Objects.requireNonNull(versionPerMib, "versionPerMib");
      Fields.range(accessTreasuryBps, "accessTreasuryBps", 0, 10_000);
      for (Amount a : new Amount[] {createBase, createPerKib, versionBase, versionPerMib}) {
        if (Amount.MAX_SUPPLY.isLessThan(a)) {
          throw new IllegalArgumentException("a fee cannot exceed the total supply: " + a);
        }
      }
    }
  }

  /**
   * Limits (OpenLedger's published datanet rules by default).
   *
   * @param maxFileBytes largest contribution
   * @param maxUserBytesPerDay bytes one account may contribute per UTC day, over all datanets
   * @param maxUserFilesPerDay contributions one account may make per UTC day, over all datanets
   * @param maxDatanetBytesPerDay bytes one datanet may receive per UTC day
   * @param maxCurators curators per datanet
   */
  public record Limits(
      long maxFileBytes,
      long maxUserBytesPerDay,
      int maxUserFilesPerDay,
      long maxDatanetBytesPerDay,
      int maxCurators) {
    public Limits {
      if (maxFileBytes < 1
          || maxUserBytesPerDay < 1
          || maxUserFilesPerDay < 1
          || maxDatanetBytesPerDay < 1
          || maxCurators < 0) {
        throw new IllegalArgumentException(
            "datanet limits must be positive (maxCurators non-negative)");
      }
      // Byte limits up to 1 TiB keep every running sum of bytes far inside a long.
      if (maxFileBytes > MAX_BYTES_LIMIT
          || maxUserBytesPerDay > MAX_BYTES_LIMIT
          || maxDatanetBytesPerDay > MAX_BYTES_LIMIT) {
        throw new IllegalArgumentException(
            "byte limits are at most " + MAX_BYTES_LIMIT + " (1 TiB)");
      }
    }

    /**
     * 5 MB per file; 10 MB and 20 files per user per day; 10 MB per datanet per day; 16 curators.
     */
    public static Limits published() {
      return new Limits(5 * MB, 10 * MB, 20, 10 * MB, 16);
    }
  }

  /**
   * The devnet's values: creating costs 10 OPEN + 1 OPEN per KiB of metadata, a version 5 OPEN + 2
   * OPEN per MiB of data, the treasury keeps 10% of access fees; the published limits.
   */
  public static DatanetParams devnet(Address authority) {
    Fees fees =
        new Fees(Amount.ofOpen(10), Amount.ofOpen(1), Amount.ofOpen(5), Amount.ofOpen(2), 1_000);
    return new DatanetParams(authority, fees, Limits.published());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(96);
    encode(w);
    return w.toByteArray();
  }

  void encode(CanonicalWriter w) {
    w.address(authority)
        .amount(fees.createBase)
        .amount(fees.createPerKib)
        .amount(fees.versionBase)
        .amount(fees.versionPerMib)
        .u32(fees.accessTreasuryBps)
        .varint(limits.maxFileBytes)
        .varint(limits.maxUserBytesPerDay)
        .u32(limits.maxUserFilesPerDay)
        .varint(limits.maxDatanetBytesPerDay)
        .u32(limits.maxCurators);
  }

  public static DatanetParams decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    DatanetParams p = decode(r);
    r.finish();
    return p;
  }

  static DatanetParams decode(CanonicalReader r) throws DecodeException {
    Address authority = r.address("authority");
    Fees fees =
        new Fees(
            r.amount("createBase"),
            r.amount("createPerKib"),
            r.amount("versionBase"),
            r.amount("versionPerMib"),
            u32int(r, "accessTreasuryBps"));
    Limits limits =
        new Limits(
            r.varint("maxFileBytes"),
            r.varint("maxUserBytesPerDay"),
            u32int(r, "maxUserFilesPerDay"),
            r.varint("maxDatanetBytesPerDay"),
            u32int(r, "maxCurators"));
    return new DatanetParams(authority, fees, limits);
  }

  static int u32int(CanonicalReader r, String field) throws DecodeException {
    long v = r.u32(field);
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException(field + ": " + v + " is out of range");
    }
    return (int) v;
  }
}
