package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.MerkleRoot;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.state.StateOverlay;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.state.smt.NodeSource;
import dev.openledger.ledger.state.smt.SparseMerkleTree;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies a block: the deterministic function from (parent state, ordered transactions, block time)
 * to (receipts, state changes, roots). Engines call it; replay calls it; it never looks at a clock.
 */
public final class BlockExecutor {
  private final StateMachine machine;
  private final String chainId;

  public BlockExecutor(StateMachine machine, String chainId) {
    this.machine = Objects.requireNonNull(machine);
    this.chainId = Objects.requireNonNull(chainId);
  }

  public StateMachine machine() {
    return machine;
  }

  /**
   * Executes a proposal on top of its parent.
   *
   * @param in the proposal
   * @param parentState the flat state after the parent block
   * @param nodes the state-tree nodes of the parent's state
   * @throws TxExecutionException when a module throws on one of the transactions
   */
  public ExecutedBlock execute(BlockInput in, StateReader parentState, NodeSource nodes) {
    BlockHeader parent = in.parent();
    long height = parent.height() + 1;
    BlockContext ctx = new BlockContext(chainId, height, in.timeMillis(), in.proposer().address());
    StateOverlay state = new StateOverlay(parentState);
    List<Event> blockEvents = new ArrayList<>();
    machine.beginBlock(new HookContext(ctx, state, blockEvents));

    // Each transaction in order: dropped ones leave no trace, included ones leave a receipt.
    List<VerifiedTransaction> included = new ArrayList<>(in.txs().size());
    List<Receipt> receipts = new ArrayList<>(in.txs().size());
    List<TxResult.Dropped> dropped = new ArrayList<>();
    for (VerifiedTransaction tx : in.txs()) {
      TxResult r = machine.deliver(ctx, state, tx);
      if (r instanceof TxResult.Included inc) {
        included.add(tx);
        receipts.add(inc.receipt());
      } else {
        dropped.add((TxResult.Dropped) r);
      }
    }
    machine.endBlock(new HookContext(ctx, state, blockEvents));

    // Commitments: the state tree over the changes, the transaction list, the results.
    StateChanges changes = state.toChanges();
    SparseMerkleTree.UpdateResult tree =
        SparseMerkleTree.update(nodes, parent.stateRoot(), changes);
    BlockResults results = new BlockResults(receipts, blockEvents);
    List<SignedTransaction> signed = new ArrayList<>(included.size());
    for (VerifiedTransaction tx : included) {
      signed.add(tx.signed());
    }
    BlockHeader header =
        new BlockHeader(
            chainId,
            height,
            in.timeMillis(),
            parent.hash(),
            Block.txRoot(signed),
            results.receiptRoot(),
            tree.root(),
            in.proposer(),
            included.size());
    return new ExecutedBlock(header, included, results, dropped, changes, tree.created());
  }

  /**
   * Block 0: every module's genesis state, no transactions; {@code prevHash} is the genesis file's
   * hash.
   *
   * @param emptyState an empty state to build on
   * @param nodes a node source (nothing is read from it for an empty tree)
   */
  public ExecutedBlock executeGenesis(Genesis genesis, StateReader emptyState, NodeSource nodes) {
    StateOverlay state = new StateOverlay(emptyState);
    machine.initGenesis(genesis, state);
    StateChanges changes = state.toChanges();
    SparseMerkleTree.UpdateResult tree =
        SparseMerkleTree.update(nodes, SparseMerkleTree.EMPTY_ROOT, changes);
    Hash emptyRoot = MerkleRoot.EMPTY;
    BlockHeader header =
        new BlockHeader(
            chainId,
            0,
            genesis.genesisTimeMillis(),
            genesis.hash(),
            emptyRoot,
            emptyRoot,
            tree.root(),
            genesis.sequencer(),
            0);
    return new ExecutedBlock(
        header, List.of(), BlockResults.EMPTY, List.of(), changes, tree.created());
  }
}
