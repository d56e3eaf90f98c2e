package dev.openledger.node.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openledger.core.crypto.Hash;
import java.util.List;

/**
 * A state proof (see {@code dev.openledger.ledger.state.smt.SmtProof}).
 *
 * @param key the state key, hex
 * @param value the value bytes, hex; absent when the proof shows absence
 * @param siblings sibling hashes from the root down
 * @param terminal where the walk ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProofView(String key, String value, List<Hash> siblings, Terminal terminal) {
  /**
   * The end of the walk: {@code empty}, or {@code leaf} with its key hash and value hash.
   *
   * @param type {@code empty} or {@code leaf}
   * @param keyHash the leaf's key hash
   * @param valueHash the leaf's value hash
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Terminal(String type, Hash keyHash, Hash valueHash) {}
}
