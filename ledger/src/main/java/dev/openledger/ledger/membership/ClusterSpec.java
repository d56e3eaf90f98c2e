package dev.openledger.ledger.membership;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replicated chain's genesis section {@code modules.cluster}: the first validators. Later changes are
 * governance proposals ({@code cluster/add_validator}, {@code cluster/remove_validator}).
 *
 * <pre>
 * "cluster": {
 *   "validators": [ {"id": "n1", "publicKey": "&lt;hex&gt;"}, ... ]
 * }
 * </pre>
 *
 * @param validators the genesis validator set (version 0)
 */
public record ClusterSpec(ValidatorSet validators) {
  /** The section's name under {@code modules}: the {@code cluster} module's. */
  public static final String SECTION = "cluster";

  public ClusterSpec {
    Objects.requireNonNull(validators, "validators");
    if (validators.version() != 0) {
      throw new IllegalArgumentException("the genesis validator set has version 0");
    }
  }

  /** The spec in {@code genesis}; fails with {@code no_cluster} when it has no section, {@code bad_genesis} when malformed. */
  public static Result<ClusterSpec> of(Genesis genesis) {
    JsonNode node = genesis.modules().get(SECTION);
    if (node == null) {
      return Result.err("no_cluster", "genesis of chain '" + genesis.chainId() + "' has no modules." + SECTION + " section (the validators)");
    }
    try {
      SectionJson json = Json.mapper().treeToValue(node, SectionJson.class);
      if (json.validators() == null) {
        return Result.err("bad_genesis", "modules." + SECTION + " needs \"validators\"");
      }
      List<Validator> vs = new ArrayList<>();
      for (ValidatorJson v : json.validators()) {
        if (v.id() == null || v.publicKey() == null) {
          return Result.err("bad_genesis", "every validator in modules." + SECTION + " needs \"id\" and \"publicKey\"");
        }
        vs.add(Validator.of(v.id(), v.publicKey()));
      }
      return Result.ok(new ClusterSpec(new ValidatorSet(0, vs)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Result.err("bad_genesis", "modules." + SECTION + " is malformed: " + e.getMessage());
    }
  }

  /** The section as JSON, to put under {@code modules} of a genesis file. */
  public JsonNode toJson() {
    List<ValidatorJson> vs = new ArrayList<>();
    for (Validator v : validators.members()) {
      vs.add(new ValidatorJson(v.id(), v.key()));
    }
    return Json.mapper().valueToTree(new SectionJson(vs));
  }

  /** {@code base} with this section added under {@code modules}. */
  public GenesisFile.GenesisJson addTo(GenesisFile.GenesisJson base) {
    Map<String, JsonNode> modules = new LinkedHashMap<>(base.modules() == null ? Map.of() : base.modules());
    modules.put(SECTION, toJson());
    return new GenesisFile.GenesisJson(base.chainId(), base.genesisTime(), base.sequencer(), base.totalSupply(), base.params(), base.allocations(), modules);
  }

  /**
   * The section's JSON shape.
   *
   * @param validators genesis validators
   */
  public record SectionJson(List<ValidatorJson> validators) {}

  /**
   * One validator in JSON.
   *
   * @param id Raft peer id
   * @param publicKey its signing key
   */
  @JsonPropertyOrder({"id", "publicKey"})
  public record ValidatorJson(String id, PublicKey publicKey) {}
}
