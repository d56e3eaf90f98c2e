package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.tx.ChainRules;
import dev.openledger.ledger.tx.Transaction;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated genesis.
 *
 * @param chainId the chain id every transaction must carry
 * @param genesisTimeMillis time of block 0, milliseconds since the Unix epoch
 * @param sequencer the key that signs blocks (single sequencer)
 * @param totalSupply the fixed supply; allocations sum to it exactly
 * @param params chain parameters
 * @param allocations initial balances, in file order
 * @param modules raw genesis sections of modules that need one, by module name
 * @param hash SHA-256 of the genesis file's bytes
 */
public record Genesis(
    String chainId,
    long genesisTimeMillis,
    PublicKey sequencer,
    Amount totalSupply,
    ChainParams params,
    List<Allocation> allocations,
    Map<String, JsonNode> modules,
    Hash hash) {

  public Genesis {
    Objects.requireNonNull(chainId, "chainId");
    if (!Transaction.CHAIN_ID.matcher(chainId).matches()) {
      throw new IllegalArgumentException(
          "chainId must match " + Transaction.CHAIN_ID.pattern() + ", got '" + chainId + "'");
    }
    if (genesisTimeMillis < 0) {
      throw new IllegalArgumentException("genesis time is before 1970");
    }
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(totalSupply, "totalSupply");
    if (Amount.MAX_SUPPLY.isLessThan(totalSupply) || totalSupply.isZero()) {
      throw new IllegalArgumentException(
          "totalSupply must be positive and at most " + Amount.MAX_SUPPLY);
    }
    Objects.requireNonNull(params, "params");
    allocations = List.copyOf(allocations);
    modules = Map.copyOf(modules);
    Objects.requireNonNull(hash, "hash");
    checkAllocations(allocations, totalSupply);
  }

  private static void checkAllocations(List<Allocation> allocations, Amount totalSupply) {
    Set<String> names = new HashSet<>();
    Set<Address> addresses = new HashSet<>();
    Amount sum = Amount.ZERO;
    for (Allocation a : allocations) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("allocation name '" + a.name() + "' appears twice");
      }
      if (!addresses.add(a.address())) {
        throw new IllegalArgumentException("address " + a.address() + " is allocated twice");
      }
      sum = sum.plus(a.amount());
    }
    if (!sum.equals(totalSupply)) {
      throw new IllegalArgumentException(
          "allocations sum to "
              + sum
              + " but totalSupply is "
              + totalSupply
              + " (they must be equal to the nano-OPEN)");
    }
  }

  /**
   * The module section {@code name} read as {@code type} with the project's strict JSON mapper, or
   * empty when the genesis has none.
   *
   * @throws IllegalArgumentException when the section does not have the expected shape or values
   */
  public <T> Optional<T> moduleSection(String name, Class<T> type) {
    JsonNode node = modules.get(name);
    if (node == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().treeToValue(node, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why =
          root instanceof IllegalArgumentException
              ? root.getMessage()
              : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException("genesis section '" + name + "': " + why, e);
    }
  }

  /** The rules the stateless transaction checks apply. */
  public ChainRules chainRules() {
    return new ChainRules(chainId, params.maxTxBytes(), params.minFee());
  }
}
