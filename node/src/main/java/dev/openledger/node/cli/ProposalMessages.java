package dev.openledger.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.MessageJson;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.msg.Spend;
import dev.openledger.ledger.msg.UpdateAttributionParams;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.UpdatePaymentParams;
import dev.openledger.ledger.msg.UpdatePool;
import dev.openledger.ledger.msg.UpdateStakingParams;
import dev.openledger.ledger.staking.PoolConfig;
import dev.openledger.ledger.staking.StakingParams;
import dev.openledger.node.api.economy.StakingViews.PoolView;
import dev.openledger.node.client.EconomyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code gov propose} options into ledger messages: parameter changes ({@code
 * MODULE.PATH=VALUE}, applied to the node's current parameters so that only the named fields
 * change), treasury spends ({@code ACCOUNT:ADDR:AMOUNT}) and raw messages from a JSON file.
 */
final class ProposalMessages {
  private ProposalMessages() {}

  /**
   * One message per changed module (and per changed pool), in the order first named.
   *
   * @param assignments e.g. {@code gov.votingPeriodSeconds=30}, {@code
   *     bank.inferenceFeeSplit.stakersBps=1500}, {@code staking.pool.2.annualRateBps=900}, {@code
   *     payment.closeTimeoutSeconds=3600}, {@code attribution.penaltyThreshold=20}
   * @throws IllegalArgumentException for an unknown module or field, or a value the parameters
   *     refuse
   */
  static List<Message> paramChanges(EconomyClient client, List<String> assignments) {
    Map<String, ObjectNode> edited = new LinkedHashMap<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param needs MODULE.FIELD=VALUE, got '" + a + "'");
      }
      List<String> path = List.of(a.substring(0, eq).split("\\."));
      String value = a.substring(eq + 1);
      if (path.size() < 2) {
        throw new IllegalArgumentException("--param needs MODULE.FIELD=VALUE, got '" + a + "'");
      }
      String module = path.get(0);
      if (module.equals("staking") && path.get(1).equals("pool")) {
        if (path.size() < 4) {
          throw new IllegalArgumentException(
              "a pool change is staking.pool.ID.FIELD=VALUE, got '" + a + "'");
        }
        String key = "pool." + path.get(2);
        ObjectNode pool = edited.computeIfAbsent(key, k -> poolConfig(client, path.get(2)));
        set(pool, path.subList(3, path.size()), value, a);
      } else {
        ObjectNode params = edited.computeIfAbsent(module, m -> client.params(m).deepCopy());
        set(params, path.subList(1, path.size()), value, a);
      }
    }
    List<Message> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : edited.entrySet()) {
      out.add(message(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** {@code ACCOUNT:ADDR:AMOUNT}, e.g. {@code treasury:ol1…:250}. */
  static Spend spend(String text) {
    String[] parts = text.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "--spend needs ACCOUNT:ADDRESS:AMOUNT (e.g. treasury:ol1…:250), got '" + text + "'");
    }
    return new Spend(parts[0], Address.parse(parts[1]), Amount.parse(parts[2]));
  }

  /** A JSON array of messages, each {@code {"type": "module/action", ...fields}}. */
  static List<Message> fromFile(Path file) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read messages from " + file + ": " + e.getMessage(), e);
    }
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(
          file + " must hold a JSON array of messages, e.g. [{\"type\": \"bank/spend\", ...}]");
    }
    List<Message> out = new ArrayList<>();
    for (JsonNode m : node) {
      out.add(MessageJson.fromJson(m));
    }
    return out;
  }

  private static ObjectNode poolConfig(EconomyClient client, String id) {
    for (PoolView p : client.pools().pools()) {
      if (Long.toString(p.id()).equals(id)) {
        ObjectNode n = (ObjectNode) Json.mapper().valueToTree(p.config());
        n.put("__pool", p.id());
        return n;
      }
    }
    throw new IllegalArgumentException("no staking pool '" + id + "' (see `stake pools`)");
  }

  private static Message message(String key, ObjectNode node) {
    try {
      if (key.startsWith("pool.")) {
        long id = node.remove("__pool").asLong();
        return new UpdatePool(id, Json.mapper().treeToValue(node, PoolConfig.class));
      }
      return switch (key) {
        case "bank" -> new UpdateBankParams(Json.mapper().treeToValue(node, BankParams.class));
        case "staking" ->
            new UpdateStakingParams(Json.mapper().treeToValue(node, StakingParams.class));
        case "gov" -> new UpdateGovParams(Json.mapper().treeToValue(node, GovParams.class));
        case "payment" ->
            new UpdatePaymentParams(Json.mapper().treeToValue(node, PaymentParams.class));
        case "attribution" ->
            new UpdateAttributionParams(Json.mapper().treeToValue(node, AttributionParams.class));
        default -> throw new IllegalArgumentException("unknown module '" + key + "'");
      };
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalArgumentException(
          key
              + " parameters: "
              + (root.getMessage() == null ? e.getOriginalMessage() : root.getMessage()),
          e);
    }
  }

  /** Sets the existing field at {@code path}, keeping its JSON type. */
  private static void set(ObjectNode root, List<String> path, String value, String assignment) {
    ObjectNode parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = parent.get(path.get(i));
      if (next == null || !next.isObject()) {
        throw new IllegalArgumentException(
            "'"
                + assignment
                + "': no group '"
                + path.get(i)
                + "'; fields here are "
                + fields(parent));
      }
      parent = (ObjectNode) next;
    }
    String field = path.get(path.size() - 1);
    JsonNode old = parent.get(field);
    if (old == null) {
      throw new IllegalArgumentException(
          "'" + assignment + "': no field '" + field + "'; fields here are " + fields(parent));
    }
    parent.set(field, typed(old, value, assignment));
  }

  private static JsonNode typed(JsonNode old, String value, String assignment) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    try {
      if (old.isIntegralNumber()) {
        return f.numberNode(Long.parseLong(value.replace("_", "")));
      }
      if (old.isBoolean()) {
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException("true or false");
        }
        return f.booleanNode(Boolean.parseBoolean(value));
      }
      if (old.isArray()) {
        ArrayNode arr = f.arrayNode();
        for (String item : value.isEmpty() ? new String[0] : value.split(",")) {
          arr.add(item.trim());
        }
        return arr;
      }
      return f.textNode(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + assignment + "': the value must be a whole number");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + assignment + "': the value must be " + e.getMessage());
    }
  }

  private static List<String> fields(ObjectNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!n.startsWith("__")) {
        names.add(n);
      }
    }
    return names;
  }
}
