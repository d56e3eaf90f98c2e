package dev.openledger.ledger.engine;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SmtProof;
import dev.openledger.ledger.state.smt.SparseMerkleTree;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import java.util.Optional;

/**
 * The state as of one committed block. Point reads and proofs go through the state tree under that
 * block's root, so they are consistent with each other and with the header however many blocks are
 * committed meanwhile. Scans read the flat state of the latest block (the tree is ordered by key
 * hash, not by key), so a scan may reflect a later block.
 */
public final class StateSnapshot implements StateReader {
  private final SignedHeader header;
  private final NodeSource nodes;
  private final StateReader latestFlat;

  StateSnapshot(SignedHeader header, NodeSource nodes, StateReader latestFlat) {
    this.header = header;
    this.nodes = nodes;
    this.latestFlat = latestFlat;
  }

  /** The block this snapshot is of. */
  public SignedHeader header() {
    return header;
  }

  public Hash stateRoot() {
    return header.header().stateRoot();
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    return SparseMerkleTree.get(nodes, stateRoot(), key);
  }

  /** A proof of the key's value or absence under this snapshot's state root. */
  public SmtProof prove(StateKey key) {
    return SparseMerkleTree.prove(nodes, stateRoot(), key);
  }

  @Override
  public CloseableIterator<StateEntry> scan(StateKey prefix) {
    return latestFlat.scan(prefix);
  }
}
