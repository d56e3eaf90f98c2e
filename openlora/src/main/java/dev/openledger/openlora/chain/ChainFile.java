package dev.openledger.openlora.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A devnet stand-in for the chain's OpenLoRA state, read from one JSON file into an {@link InMemoryChain}:
 *
 * <pre>
 * {
 *   "models":   [{"name": "legal-qa", "base_model": "brown-tiny", "adapter_dir": "adapters/legal-qa",
 *                 "adapter_hash": "9f…", "price_per_token": "0.000001", "developer": "ol1…"}],
 *   "api_keys": [{"key_sha256": "3a…", "account": "ol1…"}],
 *   "escrows":  [{"payer": "ol1…", "provider": "ol1…", "deposit": "10"}]
 * }
 * </pre>
 *
 * A relative {@code adapter_dir} is resolved against the file's directory. Unknown fields are refused.
 */
public final class ChainFile {
  private ChainFile() {}

  /** The file's contents. */
  public record Contents(
      @JsonProperty("models") List<Model> models,
      @JsonProperty("api_keys") List<Key> apiKeys,
      @JsonProperty("escrows") List<Escrow> escrows) {
    public Contents {
      models = models == null ? List.of() : List.copyOf(models);
      apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
      escrows = escrows == null ? List.of() : List.copyOf(escrows);
    }
  }

  /** One approved model. */
  public record Model(
      @JsonProperty("name") String name,
      @JsonProperty("base_model") String baseModel,
      @JsonProperty("adapter_dir") String adapterDir,
      @JsonProperty("adapter_hash") Hash adapterHash,
      @JsonProperty("price_per_token") Amount pricePerToken,
      @JsonProperty("developer") Address developer) {}

  /** One API key binding (the key's SHA-256, never the key). */
  public record Key(@JsonProperty("key_sha256") Hash keySha256, @JsonProperty("account") Address account) {}

  /** One funded payment channel. */
  public record Escrow(@JsonProperty("payer") Address payer, @JsonProperty("provider") Address provider, @JsonProperty("deposit") Amount deposit) {}

  /** Reads {@code file} into a new {@link InMemoryChain}. */
  public static InMemoryChain read(Path file) throws IOException {
    Contents c = Json.mapper().readValue(Files.readAllBytes(file), Contents.class);
    Path dir = file.toAbsolutePath().getParent();
    InMemoryChain chain = new InMemoryChain();
    for (Model m : c.models()) {
      if (m.adapterDir() == null) {
        throw new IOException(file + ": model " + m.name() + " has no adapter_dir");
      }
      try {
        chain.putModel(new ModelListing(m.name(), m.baseModel(), dir.resolve(m.adapterDir()).normalize(), m.adapterHash(), m.pricePerToken(), m.developer()));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    for (Key k : c.apiKeys()) {
      chain.bindKeyHash(k.keySha256(), k.account());
    }
    for (Escrow e : c.escrows()) {
      chain.deposit(e.payer(), e.provider(), e.deposit());
    }
    return chain;
  }

  /** Writes {@code contents} as pretty JSON. */
  public static void write(Path file, Contents contents) throws IOException {
    Files.writeString(file, Json.writePretty(contents) + "\n");
  }
}
