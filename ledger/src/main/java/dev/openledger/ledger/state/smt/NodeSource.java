package dev.openledger.ledger.state.smt;

import dev.openledger.core.crypto.Hash;
import java.util.Optional;

/** Where tree nodes are read from: a store, a cache, or the nodes of a block not yet committed. */
@FunctionalInterface
public interface NodeSource {

  /** The node with this hash, if known. Never called with {@link Hash#ZERO}. */
  Optional<SmtNode> node(Hash hash);
}
