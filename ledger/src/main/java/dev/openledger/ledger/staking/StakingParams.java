package dev.openledger.ledger.staking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Slashing parameters (governance can change them with {@code staking/update_params}).
 *
 * @param invalidDataSlashBps fraction of a curator's stake taken when data it approved is proven invalid
 * @param failedAuditSlashBps fraction of a serving provider's stake taken when an attribution audit fails
 * @param doubleSignSlashBps fraction of a validator's stake taken for signing two different values at
 *     one height (Cosmos SDK: 5%); the validator is also tombstoned (jailed for good)
 * @param divergenceSlashBps fraction of a validator's stake taken for signing a state root that a 2/3
 *     stake majority of the other validators contradicts
 * @param invalidBlockSlashBps fraction of a validator's stake taken for signing a block that holds a
 *     transaction with a forged signature or for another chain (no honest validator proposes one)
 * @param jailSeconds how long an offender's role is suspended (tombstoning excepted)
 * @param maxEvidenceAgeBlocks evidence about an infraction older than this many blocks is refused
 * @param slashDestination whether slashed OPEN is burned or sent to the treasury
 * @param reporters addresses allowed to submit attested evidence (invalid data, failed audits) besides the
 *     governance authority; at most {@value #MAX_REPORTERS}, sorted, without duplicates
 */
public record StakingParams(
    int invalidDataSlashBps,
    int failedAuditSlashBps,
    int doubleSignSlashBps,
    int divergenceSlashBps,
    int invalidBlockSlashBps,
    long jailSeconds,
    long maxEvidenceAgeBlocks,
    SlashDestination slashDestination,
    List<Address> reporters) {
  public static final int MAX_REPORTERS = 16;
  public static final int BPS = 10_000;

  public StakingParams {
    for (int v : new int[] {invalidDataSlashBps, failedAuditSlashBps, doubleSignSlashBps, divergenceSlashBps, invalidBlockSlashBps}) {
      if (v < 0 || v > BPS) {
        throw new IllegalArgumentException("slash fractions are basis points within [0, 10000], got " + v);
      }
    }
    if (jailSeconds < 0 || jailSeconds > PoolConfig.MAX_SECONDS) {
      throw new IllegalArgumentException("jailSeconds must be within [0, " + PoolConfig.MAX_SECONDS + "]");
    }
    if (maxEvidenceAgeBlocks < 1) {
      throw new IllegalArgumentException("maxEvidenceAgeBlocks must be at least 1");
    }
    Objects.requireNonNull(slashDestination, "slashDestination");
    reporters = List.copyOf(reporters);
    if (reporters.size() > MAX_REPORTERS) {
      throw new IllegalArgumentException("at most " + MAX_REPORTERS + " reporters");
    }
    for (int i = 1; i < reporters.size(); i++) {
      if (reporters.get(i - 1).compareTo(reporters.get(i)) >= 0) {
        throw new IllegalArgumentException("reporters must be sorted and distinct");
      }
    }
  }

  /**
   * The defaults: invalid data 10%, failed audit 5%, double sign 5% (Cosmos SDK), divergence 1%, invalid
   * block 5% (as deliberate as a double sign), jail 1 day, evidence valid for 1,000,000 blocks, slashed OPEN
   * burned, no reporters.
   */
  public static StakingParams defaults() {
    return new StakingParams(1_000, 500, 500, 100, 500, 24 * 3600, 1_000_000, SlashDestination.BURN, List.of());
  }

  /**
   * The parameters as JSON gives them (genesis, the CLI's {@code --param}): reporters in any order, sorted
   * and de-duplicated here; the canonical constructor, which decoding uses, accepts only the sorted form.
   */
  @JsonCreator
  public static StakingParams fromJson(
      @JsonProperty("invalidDataSlashBps") int invalidDataSlashBps,
      @JsonProperty("failedAuditSlashBps") int failedAuditSlashBps,
      @JsonProperty("doubleSignSlashBps") int doubleSignSlashBps,
      @JsonProperty("divergenceSlashBps") int divergenceSlashBps,
      @JsonProperty("invalidBlockSlashBps") int invalidBlockSlashBps,
      @JsonProperty("jailSeconds") long jailSeconds,
      @JsonProperty("maxEvidenceAgeBlocks") long maxEvidenceAgeBlocks,
      @JsonProperty("slashDestination") SlashDestination slashDestination,
      @JsonProperty("reporters") List<Address> reporters) {
    Objects.requireNonNull(reporters, "reporters");
    return new StakingParams(
        invalidDataSlashBps, failedAuditSlashBps, doubleSignSlashBps, divergenceSlashBps, invalidBlockSlashBps, jailSeconds, maxEvidenceAgeBlocks,
        slashDestination,
        reporters.stream().distinct().sorted().toList());
  }

  public void encode(CanonicalWriter w) {
    w.varint(invalidDataSlashBps).varint(failedAuditSlashBps).varint(doubleSignSlashBps).varint(divergenceSlashBps).varint(invalidBlockSlashBps);
    w.varint(jailSeconds).varint(maxEvidenceAgeBlocks).u8(slashDestination.ordinal()).varint(reporters.size());
    for (Address a : reporters) {
      w.address(a);
    }
  }

  public static StakingParams decode(CanonicalReader r) throws DecodeException {
    int invalidData = (int) r.varint("invalidDataSlashBps", BPS);
    int failedAudit = (int) r.varint("failedAuditSlashBps", BPS);
    int doubleSign = (int) r.varint("doubleSignSlashBps", BPS);
    int divergence = (int) r.varint("divergenceSlashBps", BPS);
    int invalidBlock = (int) r.varint("invalidBlockSlashBps", BPS);
    long jail = r.varint("jailSeconds", PoolConfig.MAX_SECONDS);
    long age = r.varint("maxEvidenceAgeBlocks");
    int dest = r.u8("slashDestination");
    if (dest >= SlashDestination.values().length) {
      throw new DecodeException("slashDestination: unknown code " + dest);
    }
    int n = (int) r.varint("reporter count", MAX_REPORTERS);
    List<Address> reporters = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reporters.add(r.address("reporter"));
    }
    return new StakingParams(invalidData, failedAudit, doubleSign, divergence, invalidBlock, jail, age, SlashDestination.values()[dest], reporters);
  }
}
