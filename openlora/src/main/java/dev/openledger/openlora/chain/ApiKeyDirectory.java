package dev.openledger.openlora.chain;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * API keys bound to accounts. The chain stores only {@code SHA-256(key)}: an account binds a key by
 * signing a transaction carrying the key's hash, so the key itself never appears on chain.
 */
public interface ApiKeyDirectory {

  /** The account {@code keyHash} is bound to, if any. */
  Optional<Address> account(Hash keyHash);

  /** The hash under which {@code key} is bound. */
  static Hash hashOf(String key) {
    return Hash.sha256(key.getBytes(StandardCharsets.UTF_8));
  }
}
