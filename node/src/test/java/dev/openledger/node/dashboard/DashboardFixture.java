package dev.openledger.node.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.openlora.service.ServeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A devnet node on a loopback port for the dashboard's browser tests. It serves, as provider
 * {@link #PROVIDER}, the models approved on chain for the base model given (OpenAI-compatible routes paid
 * through the chain's payment channels, usage settled every {@value #SETTLE_SECONDS} s, a closing channel
 * withdrawable after {@value #CLOSE_TIMEOUT_SECONDS} s). The genesis starts
 * {@value #GENESIS_AGE_MINUTES} minutes ago, so that erin's devnet vesting (1-minute cliff, 5 minutes linear) is
 * part vested while the tests run; governance starts with a 1 s voting delay, a 2 s voting period and a 1 s
 * timelock, and economy epochs last 1 s, so that a seeded proposal can run its whole course and the
 * concentration series has points; models wait for governance's approval (no {@code autoApprove}).
 * {@link DashboardSeed} fills it with the data the pages show.
 */
final class DashboardFixture implements AutoCloseable {
  /** The API key the seed binds to alice, who pays for answers through a channel to the provider. */
  static final String API_KEY = "sk-dashboard-test";
  static final KeyPair PROVIDER = KeyPair.insecureFromLabel("dashboard-provider");
  static final int GENESIS_AGE_MINUTES = 3;
  static final int SETTLE_SECONDS = 1;
  /** How long a provider may still settle after its payer starts closing a channel. */
  static final int CLOSE_TIMEOUT_SECONDS = 2;

  final LedgerNode node;
  final LedgerClient client;
  SignedTransaction aliceToBob;
  SignedTransaction daveOverdraft;

  /** Starts the node; {@code base} is the base model directory it serves adapters of. */
  DashboardFixture(Path dir, Path base) {
    NodeHome home = NodeHome.at(dir.resolve("node"));
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    Genesis genesis = home.init(GenesisFile.write(genesisJson()), config).orElseThrow();
    ServingOptions serving = new ServingOptions(base.toString(), PROVIDER, Duration.ofSeconds(SETTLE_SECONDS), ServeConfig.defaults());
    node = LedgerNode.start(new LedgerNode.Setup(home, genesis, DevnetGenesis.sequencerKey(), config, Optional.of(serving), List.of()));
    client = new LedgerClient(node.url());
  }

  private static GenesisJson genesisJson() {
    GenesisJson g = DevnetGenesis.json(TestNode.PARAMS);
    ((ObjectNode) g.modules().get("gov").get("params")).put("votingDelaySeconds", 1).put("votingPeriodSeconds", 2).put("timelockSeconds", 1);
    ((ObjectNode) g.modules().get("economy").get("params")).put("epochSeconds", 1);
    ((ObjectNode) g.modules().get("model")).put("autoApprove", false); // models are approved by a governance vote
    ((ObjectNode) g.modules().get("payment")).put("closeTimeoutSeconds", CLOSE_TIMEOUT_SECONDS);
    String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(GENESIS_AGE_MINUTES)).toString();
    return new GenesisJson(g.chainId(), start, g.sequencer(), g.totalSupply(), g.params(), g.allocations(), g.modules());
  }

  /** Transfers, a burn and a failed overdraft, each waited for. */
  void seed() {
    aliceToBob = submit(key("alice"), new Transfer(key("bob").address(), Amount.ofOpen(250)));
    submit(key("bob"), new Transfer(key("carol").address(), Amount.parse("12.5")));
    submit(key("carol"), new Burn(Amount.ofOpen(25)));
    daveOverdraft = submit(key("dave"), new Transfer(key("alice").address(), Amount.ofOpen(5_000_000)));
  }

  static KeyPair key(String name) {
    return DevnetGenesis.key(name);
  }

  /** Signs with the sender's next nonce, submits and waits until final; fails unless it was committed. */
  SignedTransaction submit(KeyPair from, Message m) {
    SignedTransaction tx = TestNode.tx(from, client.account(from.address(), false).nonce(), m);
    client.submit(tx);
    TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(20));
    if (!v.isCommitted()) {
      throw new IllegalStateException("seed transaction " + tx.hash() + " was not committed: " + v.code());
    }
    return tx;
  }

  /** Like {@link #submit}, and the message must have succeeded. */
  TxView ok(KeyPair from, Message m) {
    SignedTransaction tx = submit(from, m);
    TxView v = client.tx(tx.hash()).orElseThrow();
    if (!"ok".equals(v.code())) {
      throw new IllegalStateException(m.type().name() + " by " + from.address() + " failed: " + v.code() + " " + v.message());
    }
    return v;
  }

  Amount balance(KeyPair k) {
    return client.account(k.address(), false).balance();
  }

  String url() {
    return node.url();
  }

  @Override
  public void close() {
    node.close();
  }
}
