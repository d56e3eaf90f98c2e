package dev.openledger.node.api.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.EconomyClient;
import dev.openledger.node.client.LedgerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staking, governance and economy routes on a real node (1 s voting delay, 3 s voting period, 1
 * s timelock, 1 s epochs).
 */
class EconomyApiTest {
  @TempDir static Path dir;
  static TestNode node;
  static LedgerClient client;
  static EconomyClient economy;
  static final Map<KeyPair, Long> nonces = new HashMap<>();
  static final KeyPair ALICE = TestNode.key("alice");
  static final KeyPair BOB = TestNode.key("bob");
  static final KeyPair CAROL = TestNode.key("carol");

  @BeforeAll
  static void start() {
    node =
        new TestNode(
            dir,
            g -> {
              ((ObjectNode) g.modules().get("gov").get("params"))
                  .put("votingDelaySeconds", 1)
                  .put("votingPeriodSeconds", 3)
                  .put("timelockSeconds", 1);
              ((ObjectNode) g.modules().get("economy").get("params")).put("epochSeconds", 1);
            });
    client = new LedgerClient(node.url());
    economy = new EconomyClient(client);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static synchronized TxView send(KeyPair from, Message m) {
    long nonce = nonces.computeIfAbsent(from, k -> client.account(k.address(), false).nonce());
    nonces.put(from, nonce + 1);
    var tx = TestNode.tx(from, nonce, m);
    client.submit(tx);
    return client.awaitFinal(tx.hash(), Duration.ofSeconds(20));
  }

  static TxView ok(KeyPair from, Message m) {
    TxView v = send(from, m);
    assertThat(v.code()).as("%s: %s", m.type().name(), v.message()).isEqualTo("ok");
    return v;
  }

  static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return ((ObjectNode) Json.mapper().readTree(r.body())).put("__status", r.statusCode());
  }

  static void sleepUntil(long millis) throws InterruptedException {
    long wait = millis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  @Test
  void stakingRoutesShowPoolsPositionsDelegationAndValidators() throws Exception {
    assertThat(economy.pools().pools())
        .extracting(p -> p.config().name())
        .containsExactly("flexible", "locked-30d", "locked-365d");
    ok(BOB, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(700)));
    ok(CAROL, new Delegate(BOB.address()));
    StakingAccountView bob = economy.stakingAccount(BOB.address());
    assertThat(bob.positions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.purpose()).isEqualTo("validator");
              assertThat(p.principal()).isEqualTo(Amount.ofOpen(700));
              assertThat(p.value()).isGreaterThanOrEqualTo(Amount.ofOpen(700));
              assertThat(p.locked()).isFalse();
            });
    assertThat(bob.units()).isEqualTo(Amount.ofOpen(700));
    assertThat(economy.stakingAccount(CAROL.address()).delegate()).isEqualTo(BOB.address());
    long id = bob.positions().get(0).id();
    assertThat(getJson("/api/staking/positions/" + id).get("owner").asText())
        .isEqualTo(BOB.address().toString());
    assertThat(getJson("/api/staking/validators").get("validators").get(0).get("address").asText())
        .isEqualTo(BOB.address().toString());
    assertThat(getJson("/api/staking/params").get("slashDestination").asText()).isEqualTo("BURN");
    assertThat(getJson("/api/staking/positions/999999").get("__status").asInt()).isEqualTo(404);
    assertThat(getJson("/api/staking/accounts/not-an-address").get("__status").asInt())
        .isEqualTo(400);

    // a double sign by bob's key jails him as validator: the routes show it
    long h = client.latestBlock().height();
    ValidatorVote a =
        ValidatorVote.sign(
            BOB, DevnetGenesis.CHAIN_ID, h, ValidatorVote.Kind.BLOCK, Hash.sha256(new byte[] {1}));
    ValidatorVote b =
        ValidatorVote.sign(
            BOB, DevnetGenesis.CHAIN_ID, h, ValidatorVote.Kind.BLOCK, Hash.sha256(new byte[] {2}));
    ok(ALICE, new Slash(new Evidence.DoubleSign(a, b)));
    StakingAccountView slashed = economy.stakingAccount(BOB.address());
    assertThat(slashed.positions().get(0).principal()).isEqualTo(Amount.ofOpen(665));
    assertThat(slashed.jails()).singleElement().satisfies(j -> assertThat(j.tombstoned()).isTrue());
    assertThat(getJson("/api/staking/validators").get("validators").size()).isZero();
    ok(BOB, new Unstake(id));
    assertThat(economy.stakingAccount(BOB.address()).unbondings())
        .singleElement()
        .satisfies(u -> assertThat(u.withdrawable()).isFalse());
  }

  @Test
  void governanceRoutesFollowAProposalThroughItsLifeAndTheEconomyRouteCountsIt() throws Exception {
    ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    GovParams changed = new GovParams(1, 4, Amount.ofOpen(100), 2_000, 1, 3600);
    TxView proposed =
        ok(ALICE, new Propose(List.of(new UpdateGovParams(changed)), "a longer voting period"));
    long id =
        Long.parseLong(
            proposed.events().stream()
                .filter(e -> e.type().equals("gov.propose"))
                .findFirst()
                .orElseThrow()
                .attributes()
                .get(0)
                .value());
    ProposalView p = economy.proposal(id).proposal();
    assertThat(p.state()).isEqualTo("pending");
    assertThat(p.messages())
        .singleElement()
        .satisfies(m -> assertThat(m.get("type").asText()).isEqualTo("gov/update_params"));
    assertThat(p.totalPower()).isNull();
    sleepUntil(p.snapshotMillis() + 100);
    assertThat(economy.proposal(id).proposal().state()).isEqualTo("active");
    ok(ALICE, new Vote(id, VoteSupport.FOR, "yes"));
    assertThat(economy.votes(id).votes())
        .singleElement()
        .satisfies(v -> assertThat(v.support()).isEqualTo("for"));
    assertThat(economy.proposals("active").proposals()).extracting(ProposalView::id).contains(id);
    sleepUntil(p.deadlineMillis() + 100);
    assertThat(economy.proposal(id).proposal().state()).isEqualTo("succeeded");
    ok(ALICE, new Queue(id));
    ProposalView queued = economy.proposal(id).proposal();
    assertThat(queued.state()).isEqualTo("queued");
    sleepUntil(queued.etaMillis() + 100);
    ok(ALICE, new Execute(id));
    assertThat(economy.proposal(id).proposal().state()).isEqualTo("executed");
    assertThat(Json.mapper().treeToValue(economy.params("gov"), GovParams.class))
        .isEqualTo(changed);

    EconomyView e = economy.economy(100);
    assertThat(e.governance().proposals())
        .anySatisfy(
            x -> {
              assertThat(x.id()).isEqualTo(id);
              assertThat(x.turnoutPpm()).isPositive();
            });
    assertThat(e.governance().distinctVoters()).isGreaterThanOrEqualTo(1);
    assertThat(e.stake().concentration().holders()).isGreaterThanOrEqualTo(1);
    assertThat(e.stake().top()).isNotEmpty();
    assertThat(e.totals()).containsKey("proposals_executed");
    assertThat(e.series()).isNotEmpty();
    assertThat(e.adoption().inferences()).isZero();

    assertThat(getJson("/api/gov/proposals/424242").get("__status").asInt()).isEqualTo(404);
    assertThat(getJson("/api/gov/proposals?state=bogus").get("error").get("code").asText())
        .isEqualTo("bad_state");
    assertThat(getJson("/api/economy?epochs=5000").get("__status").asInt()).isEqualTo(400);
    assertThatThrownBy(() -> economy.proposal(424242)).isInstanceOf(ClientException.ApiError.class);
  }

  @Test
  void bankRoutesShowTheFeeSplitAndVestingAndMetricsCarryTheFigures() throws Exception {
    JsonNode bank = getJson("/api/bank/params");
    assertThat(bank.get("inferenceFeeSplit").get("contributorsBps").asInt()).isEqualTo(4000);
    assertThat(bank.get("txFeeStakersBps").asInt()).isEqualTo(2000);
    JsonNode vesting = getJson("/api/bank/vesting");
    assertThat(vesting.get("schedules").size()).isEqualTo(5);
    JsonNode erin =
        getJson("/api/bank/vesting/" + DevnetGenesis.key(DevnetGenesis.VESTING_ACCOUNT).address());
    assertThat(erin.get("schedule").get("total").asText()).isEqualTo("1000000");
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.url() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .contains("openledger_stake_gini ")
        .contains("openledger_staked_open ")
        .contains("openledger_voting_power_nakamoto_coefficient ");
  }
}
