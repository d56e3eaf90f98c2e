package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes genesis files (JSON). Amounts are decimal strings of OPEN, the time is ISO-8601
 * UTC.
 *
 * <pre>
 * {
 *   "chainId": "openledger-devnet",
 *   "genesisTime": "2026-01-01T00:00:00Z",
 *   "sequencer": "&lt;Ed25519 public key, hex&gt;",
 *   "totalSupply": "1000000000",
 *   "params": {"blockTimeMs": 1000, "emptyBlocks": false, "maxTxBytes": 16384, "maxBlockTxs": 20000, "minFee": "0.00001"},
 *   "allocations": [
 *     {"name": "community", "module": true, "amount": "517000000", "vesting": {"cliffMonths": 0, "linearMonths": 48}},
 *     {"name": "devnet-alice", "address": "ol1...", "amount": "1000000", "note": "INSECURE ..."}
 *   ],
 *   "modules": {}
 * }
 * </pre>
 */
public final class GenesisFile {
  private GenesisFile() {}

  /** Parses and validates genesis bytes; the failure code is {@code bad_genesis}. */
  public static Result<Genesis> parse(byte[] bytes) {
    GenesisJson json;
    try {
      json = Json.mapper().readValue(bytes, GenesisJson.class);
    } catch (IOException e) {
      return Result.err(
          "bad_genesis", "genesis is not valid JSON of the expected shape: " + oneLine(e));
    }
    try {
      return Result.ok(toGenesis(json, Hash.sha256(bytes)));
    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
      return Result.err("bad_genesis", e.getMessage());
    }
  }

  /** Reads and validates a genesis file. */
  public static Result<Genesis> read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      return Result.err("bad_genesis", "cannot read genesis file " + file + ": " + e.getMessage());
    }
  }

  /** The file bytes for a genesis description (pretty JSON, UTF-8, trailing newline). */
  public static byte[] write(GenesisJson json) {
    return (Json.writePretty(json) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static Genesis toGenesis(GenesisJson j, Hash hash) {
    require(j.chainId != null, "chainId is missing");
    require(j.genesisTime != null, "genesisTime is missing (ISO-8601, e.g. 2026-01-01T00:00:00Z)");
    require(j.sequencer != null, "sequencer (the block signer's public key, hex) is missing");
    require(j.totalSupply != null, "totalSupply is missing");
    require(j.params != null, "params is missing");
    require(j.allocations != null && !j.allocations.isEmpty(), "allocations are missing");
    List<Allocation> allocations = new ArrayList<>();
    for (AllocationJson a : j.allocations) {
      allocations.add(toAllocation(a));
    }
    return new Genesis(
        j.chainId,
        Instant.parse(j.genesisTime).toEpochMilli(),
        j.sequencer,
        j.totalSupply,
        toParams(j.params),
        allocations,
        j.modules == null ? Map.of() : j.modules,
        hash);
  }

  private static ChainParams toParams(ParamsJson p) {
    require(
        p.blockTimeMs != null
            && p.emptyBlocks != null
            && p.maxTxBytes != null
            && p.maxBlockTxs != null
            && p.minFee != null,
        "params needs blockTimeMs, emptyBlocks, maxTxBytes, maxBlockTxs and minFee");
    return new ChainParams(p.blockTimeMs, p.emptyBlocks, p.maxTxBytes, p.maxBlockTxs, p.minFee);
  }

  private static Allocation toAllocation(AllocationJson a) {
    require(a.name != null, "an allocation has no name");
    require(a.amount != null, "allocation '" + a.name + "' has no amount");
    boolean module = Boolean.TRUE.equals(a.module);
    require(
        module != (a.address != null),
        "allocation '" + a.name + "' needs exactly one of \"module\": true or \"address\"");
    Address address = module ? Address.module(a.name) : a.address;
    return new Allocation(
        a.name,
        address,
        module,
        a.amount,
        Optional.ofNullable(a.vesting),
        a.note == null ? "" : a.note);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String oneLine(IOException e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  /**
   * The file's JSON shape.
   *
   * @param chainId chain id
   * @param genesisTime ISO-8601 instant
   * @param sequencer block signer's key
   * @param totalSupply fixed supply in OPEN
   * @param params chain parameters
   * @param allocations initial balances
   * @param modules module sections
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "chainId",
    "genesisTime",
    "sequencer",
    "totalSupply",
    "params",
    "allocations",
    "modules"
  })
  public record GenesisJson(
      String chainId,
      String genesisTime,
      PublicKey sequencer,
      Amount totalSupply,
      ParamsJson params,
      List<AllocationJson> allocations,
      Map<String, JsonNode> modules) {}

  /**
   * Parameters in JSON (boxed so that a missing field is reported, not defaulted).
   *
   * @param blockTimeMs see {@link ChainParams}
   * @param emptyBlocks see {@link ChainParams}
   * @param maxTxBytes see {@link ChainParams}
   * @param maxBlockTxs see {@link ChainParams}
   * @param minFee see {@link ChainParams}
   */
  @JsonPropertyOrder({"blockTimeMs", "emptyBlocks", "maxTxBytes", "maxBlockTxs", "minFee"})
  public record ParamsJson(
      Long blockTimeMs,
      Boolean emptyBlocks,
      Integer maxTxBytes,
      Integer maxBlockTxs,
      Amount minFee) {
    public static ParamsJson of(ChainParams p) {
      return new ParamsJson(
          p.blockTimeMs(), p.emptyBlocks(), p.maxTxBytes(), p.maxBlockTxs(), p.minFee());
    }
  }

  /**
   * An allocation in JSON.
   *
   * @param name label
   * @param address the account (absent for module accounts)
   * @param module true for a module account
   * @param amount OPEN
   * @param vesting optional schedule
   * @param note optional text
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "module", "address", "amount", "vesting", "note"})
  public record AllocationJson(
      String name, Address address, Boolean module, Amount amount, Vesting vesting, String note) {}

  /** Builds a {@link GenesisJson} with an ordered, mutable module map. */
  public static Map<String, JsonNode> noModules() {
    return new LinkedHashMap<>();
  }
}
