package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.msg.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Signs transactions with each key's next nonce, submits them to a node of a test cluster and waits for the receipt. */
final class ClusterTxs {
  private final TestCluster cluster;
  private final Map<Address, Long> nonces = new HashMap<>();
  private final Map<Hash, Long> heights = new HashMap<>();

  ClusterTxs(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** Submits {@code m} from {@code from} to node {@code node}; returns the receipt once that node stored the block. */
  Receipt run(int node, KeyPair from, Message m) throws Exception {
    RatisEngine e = cluster.engine(node);
    long nonce = nonces.computeIfAbsent(from.address(), a -> e.chain().bank().account(e.reader().snapshot(), a).nonce());
    nonces.put(from.address(), nonce + 1);
    Admission a = e.submit(TestChains.tx(from, nonce, m)).get(10, TimeUnit.SECONDS);
    assertThat(a).as("admission of %s", m.type().name()).isInstanceOf(Admission.Accepted.class);
    TxOutcome o = ((Admission.Accepted) a).outcome().get(30, TimeUnit.SECONDS);
    assertThat(o).as("outcome of %s", m.type().name()).isInstanceOf(TxOutcome.Committed.class);
    TxOutcome.Committed c = (TxOutcome.Committed) o;
    heights.put(c.receipt().txHash(), c.location().height());
    return c.receipt();
  }

  /** As {@link #run}, and the message must have succeeded. */
  Receipt ok(int node, KeyPair from, Message m) throws Exception {
    Receipt r = run(node, from, m);
    assertThat(r.code()).as("%s: %s", m.type().name(), r.message()).isEqualTo(Receipt.OK);
    return r;
  }

  /** The height of the block that holds the receipt's transaction. */
  long heightOf(Receipt r) {
    return heights.get(r.txHash());
  }

  /** Waits until the wall clock (which stamps the leader's blocks) is past {@code epochMillis}. */
  void awaitClock(long epochMillis) throws InterruptedException {
    long wait = epochMillis + 1 - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
